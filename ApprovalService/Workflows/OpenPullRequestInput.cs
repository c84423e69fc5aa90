namespace Agentic.ApprovalService.Workflows;

/// <summary>Write the changes into the project's YAML files on a new branch and open a pull request for it.</summary>
public sealed record OpenPullRequestInput(string Project, ProjectRepository Repository, IReadOnlyList<ApprovedChange> Changes);
