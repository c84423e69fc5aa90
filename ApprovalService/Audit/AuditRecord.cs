namespace Agentic.ApprovalService.Audit;

/// <summary>One audit row: a decision, or a change shipped in a pull request.</summary>
public sealed record AuditRecord(
    long Id,
    string Kind,
    string Project,
    string UniqueId,
    string? Column,
    string? LlmOriginal,
    string? FinalText,
    string? Decision,
    string? Reason,
    string? Reviewer,
    DateTime At,
    string? PullRequestUrl,
    string? MergeCommit,
    DateTime? MergedAt,
    string? Model,
    string? PromptVersion);
