namespace Agentic.ApprovalService.Workflows;

/// <summary>
/// The pull request ended: merged (its items shipped) or closed without merge (its items wait for people again).
/// <see cref="Keys"/> are item keys ("" for the table).
/// </summary>
public sealed record PullRequestClosedSignal(string Url, bool Merged, string? MergeCommit, DateTime? ClosedAt, IReadOnlyList<string> Keys);
