namespace Agentic.ApprovalService.Workflows;

/// <summary>Ask the LLM for descriptions of the listed items (key "" = the table).</summary>
public sealed record DraftRequest(
    string Project, string UniqueId, string Name, string ResourceType, DraftContext Context, IReadOnlyList<string> Keys, string? Feedback);
