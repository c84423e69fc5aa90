namespace Agentic.ApprovalService.Workflows;

/// <summary>Where a dbt project's source lives and how its pull requests are opened.</summary>
public sealed record ProjectRepository(string RepositoryPath, string ProjectDirectory, CodeHostKind Host, string? GitHubRepository);
