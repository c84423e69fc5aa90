using System.Text;
using Agentic.ApprovalService.Workflows;
using LibGit2Sharp;

namespace Agentic.ApprovalService.Git;

/// <summary>
/// Pull requests in a git repository on disk: the request is a branch holding one commit on top of the base branch,
/// built straight in the object database (no checkout, so the work tree and index are never touched). It is merged
/// once the base branch contains that commit, and closed without merge when the branch is deleted unmerged.
/// </summary>
public static class LocalGitHost
{
    public static PullRequestRef Open(string project, ProjectRepository repository, IReadOnlyList<ApprovedChange> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(changes);
        using var repo = new Repository(repository.RepositoryPath);
        if (repo.Head.Tip is not { } tip || repo.Info.IsHeadDetached)
        {
            throw new InvalidOperationException($"repository '{repository.RepositoryPath}' has no checked-out branch to propose against");
        }

        var baseBranch = repo.Head.FriendlyName;
        var branchName = PullRequestText.BranchName(project, changes);
        if (repo.Branches[branchName] is { } existing)
        {
            // A retry of an attempt that already created the branch.
            return Ref(repository, branchName, baseBranch, existing.Tip.Sha);
        }

        var tree = TreeDefinition.From(tip);
        foreach (var file in PropertyFiles.Plan(repository.ProjectDirectory, changes, path => tip[path]?.Target as Blob is not null))
        {
            var blob = tip[file.Path]?.Target as Blob;
            var text = blob is null ? DbtYamlEditor.Create(file.Edits) : DbtYamlEditor.Apply(Read(blob), file.Edits);
            using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
            tree.Add(file.Path, repo.ObjectDatabase.CreateBlob(content), Mode.NonExecutableFile);
        }

        var signature = new Signature("Agentic approval", "approval@agentic.invalid", now);
        var commit = repo.ObjectDatabase.CreateCommit(
            signature, signature, PullRequestText.CommitMessage(project, changes), repo.ObjectDatabase.CreateTree(tree), [tip], prettifyMessage: true);
        repo.Branches.Add(branchName, commit);
        return Ref(repository, branchName, baseBranch, commit.Sha);
    }

    /// <summary>The outcome once the request is merged or closed, else null (still open).</summary>
    public static PullRequestOutcome? Check(ProjectRepository repository, PullRequestRef pullRequest, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(pullRequest);
        using var repo = new Repository(repository.RepositoryPath);
        var head = repo.Lookup<Commit>(pullRequest.HeadCommit);
        var baseTip = repo.Branches[pullRequest.BaseBranch]?.Tip;
        if (head is not null && baseTip is not null && Contains(repo, baseTip, head))
        {
            // The merge commit is the oldest commit on the base branch's first-parent line that contains the head.
            var merge = baseTip;
            while (merge.Parents.FirstOrDefault() is { } parent && Contains(repo, parent, head))
            {
                merge = parent;
            }

            return new PullRequestOutcome(true, merge.Sha, now);
        }

        return repo.Branches[pullRequest.Branch] is null ? new PullRequestOutcome(false, null, now) : null;
    }

    private static bool Contains(Repository repo, Commit tip, Commit commit) =>
        tip.Sha == commit.Sha || repo.ObjectDatabase.FindMergeBase(tip, commit)?.Sha == commit.Sha;

    private static string Read(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    private static PullRequestRef Ref(ProjectRepository repository, string branch, string baseBranch, string head) =>
        new(new Uri(Path.GetFullPath(repository.RepositoryPath)).AbsoluteUri + "?branch=" + Uri.EscapeDataString(branch), branch, baseBranch, head, null);
}
