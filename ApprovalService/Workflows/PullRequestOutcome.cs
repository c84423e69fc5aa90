namespace Agentic.ApprovalService.Workflows;

/// <summary>How a pull request ended.</summary>
public sealed record PullRequestOutcome(bool Merged, string? MergeCommit, DateTime ClosedAt);
