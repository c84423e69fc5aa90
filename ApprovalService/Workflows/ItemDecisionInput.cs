namespace Agentic.ApprovalService.Workflows;

/// <summary>One item's decision; <see cref="Column"/> null or empty for the table.</summary>
public sealed record ItemDecisionInput(string? Column, ReviewDecision Kind, string? Text, string? Reason);
