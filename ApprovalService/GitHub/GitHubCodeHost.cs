using System.Text;
using Agentic.ApprovalService.Git;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.Options;
using Octokit;

namespace Agentic.ApprovalService.GitHub;

/// <summary>
/// Pull requests on GitHub through its REST API (Octokit): the property files are read at the default branch's tip,
/// edited as LocalGit edits them (untouched lines byte-identical), written as one commit on a new branch through
/// the git data API, and proposed as a pull request. The merge (or a close) arrives later by the pull_request webhook.
/// Every step first looks for what an earlier attempt already made, so a retried activity opens one pull request.
/// </summary>
public sealed partial class GitHubCodeHost(IOptions<GitHubOptions> options, ILogger<GitHubCodeHost> logger)
{
    public async Task<PullRequestRef> OpenAsync(string project, ProjectRepository repository, IReadOnlyList<ApprovedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(changes);
        var (owner, name) = Split(repository.GitHubRepository);
        var client = Client();
        var branch = PullRequestText.BranchName(project, changes);
        var baseBranch = (await client.Repository.Get(owner, name)).DefaultBranch;

        var existing = await client.PullRequest.GetAllForRepository(
            owner, name, new PullRequestRequest { Head = $"{owner}:{branch}", State = ItemStateFilter.All });
        if (existing.FirstOrDefault(pr => pr.Head?.Ref == branch) is { } earlier)
        {
            return Ref(earlier, branch, baseBranch);
        }

        var head = await BranchTipAsync(client, owner, name, branch)
            ?? await CommitAsync(client, owner, name, project, repository.ProjectDirectory, branch, baseBranch, changes);
        var created = await client.PullRequest.Create(owner, name, new NewPullRequest(PullRequestText.Title(project, changes), branch, baseBranch)
        {
            Body = PullRequestText.Body(changes),
        });
        LogOpened(repository.GitHubRepository!, created.Number, branch, changes.Count);
        return Ref(created, branch, baseBranch) with { HeadCommit = head };
    }

    private GitHubClient Client()
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Token))
        {
            throw new InvalidOperationException($"{GitHubOptions.SectionName}:Token is not configured; GitHub pull requests cannot be opened");
        }

        return new GitHubClient(new ProductHeaderValue("agentic-approval-service"), settings.ApiUrl)
        {
            Credentials = new Credentials(settings.Token),
        };
    }

    private static async Task<string> CommitAsync(
        GitHubClient client, string owner, string name, string project, string projectDirectory, string branch, string baseBranch,
        IReadOnlyList<ApprovedChange> changes)
    {
        var baseSha = (await client.Git.Reference.Get(owner, name, "heads/" + baseBranch)).Object.Sha;
        var baseTree = (await client.Git.Commit.Get(owner, name, baseSha)).Tree.Sha;
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var declared in changes.Select(c => c.PropertiesFile ?? (c.ResourceType == "source" ? c.SqlPath : null)).OfType<string>().Distinct())
        {
            var path = Join(projectDirectory, declared);
            files[path] = await ReadAsync(client, owner, name, path, baseSha);
        }

        var tree = new NewTree { BaseTree = baseTree };
        foreach (var file in PropertyFiles.Plan(projectDirectory, changes, path => files.GetValueOrDefault(path) is not null))
        {
            if (!files.TryGetValue(file.Path, out var current))
            {
                current = files[file.Path] = await ReadAsync(client, owner, name, file.Path, baseSha);
            }

            var text = current is null ? DbtYamlEditor.Create(file.Edits) : DbtYamlEditor.Apply(current, file.Edits);
            // Base64 carries the bytes exactly, so line endings and every untouched line stay as they were.
            var blob = await client.Git.Blob.Create(owner, name, new NewBlob
            {
                Content = Convert.ToBase64String(new UTF8Encoding(false).GetBytes(text)),
                Encoding = EncodingType.Base64,
            });
            tree.Tree.Add(new NewTreeItem { Path = file.Path, Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
        }

        var newTree = await client.Git.Tree.Create(owner, name, tree);
        var commit = await client.Git.Commit.Create(owner, name, new NewCommit(PullRequestText.CommitMessage(project, changes), newTree.Sha, baseSha));
        await client.Git.Reference.Create(owner, name, new NewReference("refs/heads/" + branch, commit.Sha));
        return commit.Sha;
    }

    private static async Task<string?> BranchTipAsync(GitHubClient client, string owner, string name, string branch)
    {
        try
        {
            return (await client.Git.Reference.Get(owner, name, "heads/" + branch)).Object.Sha;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadAsync(GitHubClient client, string owner, string name, string path, string reference)
    {
        try
        {
            var bytes = await client.Repository.Content.GetRawContentByRef(owner, name, path, reference);
            return new UTF8Encoding(false).GetString(bytes);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static PullRequestRef Ref(PullRequest pullRequest, string branch, string baseBranch) =>
        new(pullRequest.HtmlUrl, branch, baseBranch, pullRequest.Head?.Sha ?? string.Empty, pullRequest.Number);

    private static (string Owner, string Name) Split(string? repository) =>
        repository?.Split('/') is [{ Length: > 0 } owner, { Length: > 0 } name]
            ? (owner, name)
            : throw new InvalidOperationException($"'{repository}' is not a GitHub repository of the form owner/name");

    private static string Join(string directory, string path) =>
        string.IsNullOrEmpty(directory) || directory == "." ? path : directory.TrimEnd('/') + "/" + path;

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened GitHub pull request {Repository}#{Number} from {Branch} with {Changes} change(s)")]
    private partial void LogOpened(string repository, int number, string branch, int changes);
}
