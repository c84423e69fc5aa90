using System.Globalization;
using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.Testing;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// Shadow comparisons end to end: Temporal emulator, the batch worker and gRPC server in process, embeddings
/// and judge calls through the real gateway and its simulated provider (a text's embedding is a deterministic
/// random unit vector, so any real change lands far below the similarity threshold).
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class ShadowComparisonTests(BatchEnvironment environment) : IDisposable
{
    private const string EmbeddingModel = "sim-embed";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartShadowComparison_PlantedChangesInFivePercentOfTenThousandRows_FindsExactlyThem()
    {
        const int Rows = 10_000;
        var planted = Enumerable.Range(0, Rows).Where(i => i % 20 == 7).ToHashSet();
        var cosmetic = Enumerable.Range(0, Rows).Where(i => i % 50 == 3).ToHashSet();
        var baseline = ShadowFiles.WriteJsonl(_dir.File("baseline.jsonl"), Enumerable.Range(0, Rows).Select(i => (Id(i), ShadowFiles.Answer(i), "c" + (i % 3))));
        var candidate = ShadowFiles.WriteJsonl(_dir.File("candidate.jsonl"), Enumerable.Range(0, Rows).Reverse().Select(i =>
            (Id(i), planted.Contains(i) ? ShadowFiles.Changed(i) : cosmetic.Contains(i) ? ShadowFiles.Cosmetic(i) : ShadowFiles.Answer(i), "c" + (i % 3))));
        await using var gateway = await environment.StartGatewayAsync();
        // Three chunks per run: the ten chunks take four runs, so continue-as-new is on the path.
        await using var service = await environment.StartServiceAsync(gateway, new() { ["Shadow:ChunksPerRun"] = "3" });
        var request = Request("shadow-10k", baseline, candidate);
        request.ChunkSize = 1000;
        request.CategoryColumn = "category";

        var status = await RunAsync(service, request);

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(Rows, status.PairsTotal);
        Assert.Equal(Rows, status.PairsCompared);
        Assert.Equal(0, status.RowsFailed);
        Assert.Equal(Rows - planted.Count - cosmetic.Count, status.ExactMatches);
        Assert.Equal(Rows - planted.Count, status.NormalizedMatches);
        Assert.Equal(planted.Count, status.Changed);
        Assert.Equal(planted.Count, status.Diverged);
        Assert.Equal(0.05, status.ChangedShare, 6);
        Assert.False(status.Anomaly);
        Assert.True(status.TokensUsed > 0);
        var rows = ReadRows(request.OutputLocation);
        Assert.Equal(Rows, rows.Count);
        Assert.Equal(planted.Select(Id).Order(StringComparer.Ordinal), rows.Where(r => r.GetProperty("changed").GetBoolean()).Select(r => r.GetProperty("row_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(cosmetic.Select(Id).Order(StringComparer.Ordinal), rows.Where(r => !r.GetProperty("exact_match").GetBoolean() && r.GetProperty("normalized_match").GetBoolean()).Select(r => r.GetProperty("row_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => r.GetProperty("changed").GetBoolean()), r => Assert.True(r.GetProperty("similarity").GetDouble() < 0.9));
        Assert.All(rows.Where(r => r.GetProperty("normalized_match").GetBoolean() && !r.GetProperty("exact_match").GetBoolean()), r => Assert.True(r.GetProperty("similarity").GetDouble() < 1));
        var manifest = JsonDocument.Parse(File.ReadAllText(status.ManifestLocation)).RootElement;
        Assert.Equal(planted.Count, manifest.GetProperty("changed_similarity_histogram").EnumerateArray().Sum(b => b.GetProperty("rows").GetInt64()));
        Assert.Equal(3, manifest.GetProperty("categories").GetArrayLength());
        var report = File.ReadAllText(status.ReportLocation);
        Assert.Contains("Similarity of changed rows", report, StringComparison.Ordinal);
        Assert.Contains("class=\"bar\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartShadowComparison_RowsOnOneSideAndBadRows_CountsThemAndFailsOnlyTheBadRows()
    {
        var baseline = ShadowFiles.WriteJsonl(_dir.File("baseline.jsonl"), Enumerable.Range(0, 105).Select(i => (Id(i), ShadowFiles.Answer(i), "x")));
        var candidateRows = Enumerable.Range(0, 100).Concat(Enumerable.Range(200, 3)).Where(i => i != 5).Select(i => (Id(i), ShadowFiles.Answer(i), "x"));
        var candidate = ShadowFiles.WriteJsonl(_dir.File("candidate.jsonl"), candidateRows);
        // Row 5 lacks its text; one line is not JSON at all.
        File.AppendAllText(candidate, "{\"id\":\"" + Id(5) + "\",\"category\":\"x\"}\n{not json\n");
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("shadow-sides", baseline, candidate);

        var status = await RunAsync(service, request);

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(5, status.OnlyInBaseline);
        Assert.Equal(3, status.OnlyInCandidate);
        Assert.Equal(2, status.RowsFailed);
        Assert.Equal(99, status.PairsCompared);
        Assert.Equal(99, status.ExactMatches);
        Assert.Equal(Enumerable.Range(100, 5).Select(Id), ReadIds(Path.Combine(request.OutputLocation, "only-in-baseline.jsonl")));
        Assert.Equal(Enumerable.Range(200, 3).Select(Id), ReadIds(Path.Combine(request.OutputLocation, "only-in-candidate.jsonl")));
        var failed = ReadRows(request.OutputLocation).Where(r => r.GetProperty("status").GetString() == "failed").ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains(failed, r => r.GetProperty("row_id").GetString() == Id(5) && r.GetProperty("error").GetString()!.Contains("text column", StringComparison.Ordinal));
        var manifest = JsonDocument.Parse(File.ReadAllText(status.ManifestLocation)).RootElement;
        Assert.Equal(Enumerable.Range(100, 5).Select(Id), manifest.GetProperty("only_in_baseline_sample").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task StartShadowComparison_CategoryColumnWithJudge_ReportsWhichCategoriesMoved()
    {
        string[] categories = ["billing", "other", "returns", "shipping"];
        var baseline = ShadowFiles.WriteCsv(_dir.File("baseline.csv"), Enumerable.Range(0, 400).Select(i => (Id(i), ShadowFiles.Answer(i), categories[i % 4])));
        // returns: 40 of its 100 rows changed; billing: 2; the others none.
        bool Changed(int i) => (categories[i % 4] == "returns" && i < 160) || i is 0 or 4;
        var candidate = ShadowFiles.WriteCsv(_dir.File("candidate.csv"), Enumerable.Range(0, 400).Select(i => (Id(i), Changed(i) ? ShadowFiles.Changed(i) : ShadowFiles.Answer(i), categories[i % 4])));
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("shadow-categories", baseline, candidate);
        request.CategoryColumn = "category";
        request.EmbeddingModel = string.Empty;
        request.JudgeModel = BatchEnvironment.ChatModel;
        request.Anomaly = new ShadowAnomalyThresholds { MaxChangedShare = 0.2 };

        var status = await RunAsync(service, request);

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(42, status.Changed);
        Assert.False(status.Anomaly);
        Assert.Equal(42, status.JudgedEquivalent + status.JudgedDifferent);
        Assert.Equal(["returns", "billing", "other", "shipping"], status.Categories.Select(c => c.Category));
        var returns = status.Categories[0];
        Assert.Equal((100, 40, true), (returns.Rows, returns.Changed, returns.Moved));
        Assert.Equal(0.4, returns.ChangedShare, 6);
        var billing = status.Categories[1];
        Assert.Equal((100, 2, false), (billing.Rows, billing.Changed, billing.Moved));
        Assert.All(status.Categories.Skip(2), c => Assert.Equal(0, c.Changed));
        Assert.Contains("<td>returns</td>", File.ReadAllText(status.ReportLocation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartShadowComparison_ChangesAboveThresholds_FlagsAnomalyWithReasons()
    {
        var baseline = ShadowFiles.WriteJsonl(_dir.File("baseline.jsonl"), Enumerable.Range(0, 100).Select(i => (Id(i), ShadowFiles.Answer(i), "x")));
        var candidate = ShadowFiles.WriteJsonl(_dir.File("candidate.jsonl"), Enumerable.Range(0, 100).Select(i => (Id(i), i < 30 ? ShadowFiles.Changed(i) : ShadowFiles.Answer(i), "x")));
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("shadow-anomaly", baseline, candidate);
        request.Anomaly = new ShadowAnomalyThresholds { MaxChangedShare = 0.1, MinMeanSimilarity = 0.9 };

        var status = await RunAsync(service, request);

        Assert.Equal(30, status.Changed);
        Assert.True(status.Anomaly);
        Assert.Equal(2, status.AnomalyReasons.Count);
        Assert.Contains(status.AnomalyReasons, r => r.Contains("changed", StringComparison.Ordinal));
        Assert.Contains(status.AnomalyReasons, r => r.Contains("mean similarity", StringComparison.Ordinal));
        Assert.True(JsonDocument.Parse(File.ReadAllText(status.ManifestLocation)).RootElement.GetProperty("anomaly").GetBoolean());
        Assert.Contains("Anomaly:", File.ReadAllText(status.ReportLocation), StringComparison.Ordinal);
    }

    private static string Id(int i) => "r" + i.ToString("D5", CultureInfo.InvariantCulture);

    private StartShadowComparisonRequest Request(string jobId, string baseline, string candidate) => new()
    {
        JobId = jobId,
        Baseline = new ShadowSide { Location = baseline, RowIdColumn = "id", TextColumn = "answer" },
        Candidate = new ShadowSide { Location = candidate, RowIdColumn = "id", TextColumn = "answer" },
        EmbeddingModel = EmbeddingModel,
        OutputLocation = _dir.File("out-" + jobId),
    };

    private static async Task<ShadowComparisonStatus> RunAsync(BatchServiceHost service, StartShadowComparisonRequest request)
    {
        var start = await service.Shadow.StartShadowComparisonAsync(request);
        Assert.False(start.AlreadyExisted);
        ShadowComparisonStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await service.Shadow.GetShadowComparisonAsync(new GetShadowComparisonRequest { JobId = request.JobId });
                return status.State is BatchState.Completed or BatchState.Failed;
            },
            TimeSpan.FromSeconds(180));
        return status!;
    }

    private static List<JsonElement> ReadRows(string output) =>
        Directory.GetFiles(Path.Combine(output, "rows"), "rows-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();

    private static List<string> ReadIds(string path) =>
        File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("row_id").GetString()!).ToList();
}
