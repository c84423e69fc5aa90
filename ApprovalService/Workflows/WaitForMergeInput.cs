namespace Agentic.ApprovalService.Workflows;

/// <summary>Watch a LocalGit pull request until its branch is merged into the base branch or deleted.</summary>
public sealed record WaitForMergeInput(ProjectRepository Repository, PullRequestRef PullRequest, TimeSpan PollInterval);
