using Agentic.Approval.V1;
using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.Planning;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.Options;

namespace Agentic.ApprovalService.Grpc;

/// <summary>ImportManifest: checks the request, reads and plans the whole manifest, and only then touches any workflow.</summary>
public sealed class ManifestImporter(ProposalClient proposals, IOptions<ApprovalOptions> options)
{
    internal async Task<ImportManifestResponse> ImportAsync(ImportManifestRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var manifestPath = RequireFile(request.ManifestPath, "manifest_path");
        var catalogPath = string.IsNullOrWhiteSpace(request.CatalogPath) ? null : RequireFile(request.CatalogPath, "catalog_path");
        var repository = Repository(request);

        DbtManifest manifest;
        try
        {
            manifest = await DbtManifestReader.ReadAsync(manifestPath, catalogPath, cancellationToken);
        }
        catch (ManifestFormatException exception)
        {
            throw ApprovalErrors.Invalid(catalogPath is not null && exception.Message.StartsWith("catalog", StringComparison.Ordinal) ? "catalog_path" : "manifest_path", exception.Message);
        }

        var project = !string.IsNullOrWhiteSpace(request.Project) ? request.Project.Trim() : manifest.ProjectName
            ?? throw ApprovalErrors.Invalid("project", "is required: the manifest has no metadata.project_name");
        if (project.Contains('/', StringComparison.Ordinal))
        {
            throw ApprovalErrors.Invalid("project", "must not contain '/'");
        }

        var plan = new ProposalPlanner(new OwnerResolver(settings), new DraftContextBuilder(settings.MaxContextChars)).Plan(manifest);
        var (started, updated) = await proposals.ImportAsync(project, repository, plan.Proposals, cancellationToken);
        return new ImportManifestResponse
        {
            Project = project,
            SchemaVersion = manifest.SchemaVersion,
            Models = plan.Models,
            Sources = plan.Sources,
            Seeds = plan.Seeds,
            Snapshots = plan.Snapshots,
            Columns = plan.Columns,
            BlankDescriptions = plan.BlankDescriptions,
            Inherited = plan.Inherited,
            ProposalsStarted = started,
            ProposalsUpdated = updated,
        };
    }

    private ProjectRepository Repository(ImportManifestRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.RepositoryPath))
        {
            throw ApprovalErrors.Invalid("repository_path", "is required (the git work tree holding the dbt project)");
        }

        var path = Allowed(request.RepositoryPath, "repository_path");
        if (!Directory.Exists(path))
        {
            throw ApprovalErrors.Invalid("repository_path", $"'{request.RepositoryPath}' does not exist");
        }

        if (!LibGit2Sharp.Repository.IsValid(path))
        {
            throw ApprovalErrors.Invalid("repository_path", $"'{request.RepositoryPath}' is not a git repository");
        }

        var directory = request.ProjectDirectory.Trim().Trim('/');
        if (directory.Split('/').Contains(".."))
        {
            throw ApprovalErrors.Invalid("project_directory", "must stay inside the repository");
        }

        var host = request.CodeHost switch
        {
            CodeHost.Unspecified or CodeHost.LocalGit => CodeHostKind.LocalGit,
            CodeHost.Github => CodeHostKind.GitHub,
            _ => throw ApprovalErrors.Invalid("code_host", "is not a known code host"),
        };
        if (host == CodeHostKind.GitHub && request.GithubRepository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw ApprovalErrors.Invalid("github_repository", "must be 'owner/name' when code_host is CODE_HOST_GITHUB");
        }

        return new ProjectRepository(path, directory, host, host == CodeHostKind.GitHub ? request.GithubRepository : null);
    }

    private string RequireFile(string path, string field)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw ApprovalErrors.Invalid(field, "is required");
        }

        var full = Allowed(path, field);
        return File.Exists(full) ? full : throw ApprovalErrors.Invalid(field, $"'{path}' does not exist");
    }

    private string Allowed(string path, string field)
    {
        var full = Path.GetFullPath(path);
        var roots = options.Value.AllowedRoots;
        if (roots.Count > 0 && !roots.Any(root => full.StartsWith(Path.GetFullPath(root).TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            throw ApprovalErrors.Invalid(field, "is outside the directories this service may read");
        }

        return full;
    }
}
