namespace Agentic.ApprovalService.Workflows;

/// <summary>A code host reported that pull request <see cref="Number"/> closed (merged or not).</summary>
public sealed record PullRequestEventSignal(int Number, bool Merged, string? MergeCommit, DateTime ClosedAt);
