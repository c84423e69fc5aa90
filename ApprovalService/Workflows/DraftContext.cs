namespace Agentic.ApprovalService.Workflows;

/// <summary>What the LLM is shown about a node (SQL, columns, lineage), already cut to budget; notes say what was cut.</summary>
public sealed record DraftContext(string Text, IReadOnlyList<string> Notes);
