namespace Agentic.ApprovalService.Workflows;

/// <summary>Which model and prompt wrote the LLM drafts, and what they cost.</summary>
public sealed record DraftInfo(string Model, string PromptVersion, long PromptTokens, long CompletionTokens, IReadOnlyList<string> ContextNotes)
{
    public static DraftInfo None { get; } = new(string.Empty, string.Empty, 0, 0, []);
}
