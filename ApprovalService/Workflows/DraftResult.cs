namespace Agentic.ApprovalService.Workflows;

/// <summary>Drafted text by item key ("" = the table), and how it was made.</summary>
public sealed record DraftResult(IReadOnlyDictionary<string, string> Drafts, DraftInfo Info);
