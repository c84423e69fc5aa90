using Agentic.BatchService.Output;

namespace Agentic.BatchService.Tests.Output;

public sealed class OutputFolderClaimTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Claim_NewFolder_WritesMarkerWithJobId()
    {
        var folder = _dir.File("out");

        OutputFolderClaim.Claim(folder, "job-a");

        Assert.Equal("job-a\n", File.ReadAllText(Path.Combine(folder, OutputFolderClaim.MarkerFileName)));
        Assert.Equal("job-a", OutputFolderClaim.OwnerOf(folder));
    }

    [Fact]
    public void Claim_SameJobTwice_IsANoOp()
    {
        var folder = _dir.File("out");
        OutputFolderClaim.Claim(folder, "job-a");
        File.WriteAllText(Path.Combine(folder, "manifest.json"), "{}");

        OutputFolderClaim.Claim(folder, "job-a");

        Assert.Equal("{}", File.ReadAllText(Path.Combine(folder, "manifest.json")));
    }

    [Fact]
    public void Claim_FolderOfAnotherJob_RefusesNamingItAndTouchesNothing()
    {
        var folder = _dir.File("out");
        OutputFolderClaim.Claim(folder, "job-a");
        File.WriteAllText(Path.Combine(folder, "manifest.json"), "{\"job_id\":\"job-a\"}");

        var error = Assert.Throws<OutputFolderTakenException>(() => OutputFolderClaim.Claim(folder, "job-b"));

        Assert.Equal("job-a", error.Owner);
        Assert.Contains("job 'job-a'", error.Message, StringComparison.Ordinal);
        Assert.Equal("job-a", OutputFolderClaim.OwnerOf(folder));
        Assert.Equal("{\"job_id\":\"job-a\"}", File.ReadAllText(Path.Combine(folder, "manifest.json")));
    }

    [Fact]
    public void Claim_FolderInsideAnotherJobsFolder_RefusesNamingIt()
    {
        var folder = _dir.File("out");
        OutputFolderClaim.Claim(folder, "job-a");

        var error = Assert.Throws<OutputFolderTakenException>(() => OutputFolderClaim.Claim(Path.Combine(folder, "parts", "deeper"), "job-b"));

        Assert.Equal("job-a", error.Owner);
        Assert.False(Directory.Exists(Path.Combine(folder, "parts")));
    }

    [Fact]
    public void Claim_FolderAboveAnotherJobsFolder_RefusesNamingIt()
    {
        var inner = Path.Combine(_dir.Path, "all", "job-a-out");
        OutputFolderClaim.Claim(inner, "job-a");

        var error = Assert.Throws<OutputFolderTakenException>(() => OutputFolderClaim.Claim(Path.Combine(_dir.Path, "all"), "job-b"));

        Assert.Equal("job-a", error.Owner);
        Assert.Contains("contains", error.Message, StringComparison.Ordinal);
        Assert.Null(OutputFolderClaim.OwnerOf(Path.Combine(_dir.Path, "all")));
    }

    [Fact]
    public void Claim_NonEmptyFolderOfNoJob_RefusesAndLeavesItsFiles()
    {
        var folder = _dir.File("data");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "precious.txt"), "keep");

        var error = Assert.Throws<OutputFolderTakenException>(() => OutputFolderClaim.Claim(folder, "job-b"));

        Assert.Null(error.Owner);
        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(["precious.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Claim_ManyJobsRacingForOneFolder_ExactlyOneWins()
    {
        var folder = _dir.File("raced");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            try
            {
                OutputFolderClaim.Claim(folder, $"job-{i}");
                return true;
            }
            catch (OutputFolderTakenException)
            {
                return false;
            }
        })));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal($"job-{Array.IndexOf(results, true)}", OutputFolderClaim.OwnerOf(folder));
    }
}
