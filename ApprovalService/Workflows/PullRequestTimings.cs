namespace Agentic.ApprovalService.Workflows;

/// <summary>A pull request opens after <see cref="BatchSize"/> changes or <see cref="Debounce"/> after the first; merges are checked every poll interval.</summary>
public sealed record PullRequestTimings(int BatchSize, TimeSpan Debounce, TimeSpan MergePollInterval);
