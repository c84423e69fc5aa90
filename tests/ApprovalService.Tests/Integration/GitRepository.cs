using LibGit2Sharp;

namespace Agentic.ApprovalService.Tests.Integration;

/// <summary>A real git repository in a temp directory holding a small dbt project, for pull request tests.</summary>
public sealed class GitRepository : IDisposable
{
    public const string SchemaYml =
        "version: 2\n\n" +
        "# kept as written\n" +
        "models:\n" +
        "  - name: stg_customers\n" +
        "    columns:\n" +
        "      - name: customer_id\n" +
        "        tests: [unique]\n" +
        "  - name: orders\n" +
        "    description: Orders\n";

    private readonly TempDirectory _directory = new();

    public GitRepository()
    {
        Repository.Init(Path);
        using var repo = new Repository(Path);
        Write("models/staging/schema.yml", SchemaYml);
        Write("models/staging/stg_customers.sql", "select 1 as customer_id\n");
        Commands.Stage(repo, "*");
        var signature = Signature();
        repo.Commit("dbt project", signature, signature);
        DefaultBranch = repo.Head.FriendlyName;
    }

    public string Path => _directory.Path;

    public string DefaultBranch { get; }

    public static Signature Signature() => new("Test", "test@example.invalid", DateTimeOffset.UtcNow);

    public void Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public IReadOnlyList<string> Branches()
    {
        using var repo = new Repository(Path);
        return repo.Branches.Select(branch => branch.FriendlyName).ToList();
    }

    /// <summary>Merges <paramref name="branch"/> into the default branch with a merge commit, as a person would.</summary>
    public string Merge(string branch)
    {
        using var repo = new Repository(Path);
        var result = repo.Merge(repo.Branches[branch], Signature(), new MergeOptions { FastForwardStrategy = FastForwardStrategy.NoFastForward });
        return result.Commit?.Sha ?? throw new InvalidOperationException($"merge of {branch} made no commit ({result.Status})");
    }

    public string ReadAtHead(string relative)
    {
        using var repo = new Repository(Path);
        return ((Blob)repo.Head.Tip[relative].Target).GetContentText();
    }

    public void DeleteBranch(string branch)
    {
        using var repo = new Repository(Path);
        repo.Branches.Remove(branch);
    }

    public void Dispose() => _directory.Dispose();
}
