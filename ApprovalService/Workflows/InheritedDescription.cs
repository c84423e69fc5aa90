namespace Agentic.ApprovalService.Workflows;

/// <summary>A blank column's description taken from the same column upstream (<paramref name="From"/> = "unique_id.column").</summary>
public sealed record InheritedDescription(string Column, string Text, string From);
