namespace Agentic.ApprovalService.Workflows;

/// <summary>Changes that reached the project's default branch, one audit row each.</summary>
public sealed record AuditShippedInput(string Project, PullRequestRef PullRequest, PullRequestOutcome Outcome, IReadOnlyList<ApprovedChange> Changes);
