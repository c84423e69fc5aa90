using System.Globalization;
using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.Eval.V1;
using Agentic.LocalGateway;
using Agentic.Testing;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// A shadow comparison judged by eval-service's jury, end to end: the batch worker starts eval-service's jury
/// workflow on eval-service's task queue (a real eval-service worker, its suite registered over gRPC in
/// PostgreSQL), whose judges call the real gateway, answered by recorded verdicts per row ("[case row-id]").
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class ShadowJuryTests(BatchEnvironment environment) : IAsyncLifetime
{
    private const decimal InputPerMillion = 1000m;
    private const decimal OutputPerMillion = 2000m;
    private static readonly string[] Judges = ["judge-a", "judge-b", "judge-c"];

    // Per changed row, what judges a, b and c answer: true equivalent, false different, null no verdict.
    private static readonly Dictionary<int, bool?[]> Recorded = new()
    {
        [1] = [true, true, true],
        [2] = [false, false, false],
        [3] = [true, true, false],
        [4] = [true, false, null],
        [5] = [true, null, null],
        [6] = [false, false, true],
    };

    private readonly TempDirectory _dir = new();
    private PostgresServer? _postgres;
    private LlmGatewayServer? _gateway;
    private EvalServiceHost? _eval;
    private BatchServiceHost? _batch;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync("eval");
        _gateway = await environment.StartGatewayAsync(recordedAnswers: WriteRecordings(), settings: JudgeModels());
        _eval = await EvalServiceHost.StartAsync(environment.Emulator.Address, _gateway, database);
        _batch = await environment.StartServiceAsync(_gateway, new() { ["Shadow:JuryCasesPerCall"] = "4", ["Batch:PayloadKey"] = EvalServiceHost.PayloadKey });
        await _eval.Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = Suite("equivalence") });
    }

    public async Task DisposeAsync()
    {
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
        }

        if (_eval is not null)
        {
            await _eval.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task StartShadowComparison_WithJury_RecordsEachRowsVerdictAndJudgesAndCountsEscalations()
    {
        var request = Request("shadow-jury", "equivalence");

        var status = await RunAsync(request);

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(6, status.Changed);
        Assert.Equal(("equivalence", 1), (status.JurySuite, status.JurySuiteVersion));
        // Rows 1 and 3 equivalent (3 by two votes to one), 2 and 6 different, 4 split with one silent judge
        // (agreement 1/3, escalated) and 5 with one answer of a quorum of two.
        Assert.Equal((2, 2, 2), (status.JudgedEquivalent, status.JudgedDifferent, status.JuryEscalated));
        Assert.Equal(4, status.Diverged);
        var rows = ReadRows(request.OutputLocation).ToDictionary(r => r.GetProperty("row_id").GetString()!);
        Assert.Equal(40, rows.Count);
        Assert.Equal(
            ["equivalent", "different", "equivalent", "undecided", "undecided", "different"],
            Recorded.Keys.Order().Select(i => rows[Id(i)].GetProperty("jury").GetProperty("verdict").GetString()));
        Assert.Equal(["judge-a", "judge-b", "judge-c"], Answered(rows[Id(1)]));
        Assert.Equal(["judge-a", "judge-b"], Answered(rows[Id(4)]));
        Assert.Equal(["judge-a"], Answered(rows[Id(5)]));
        Assert.True(rows[Id(4)].GetProperty("jury").GetProperty("escalated").GetBoolean());
        Assert.False(rows[Id(5)].GetProperty("jury").GetProperty("quorum_met").GetBoolean());
        Assert.False(rows[Id(3)].GetProperty("jury").GetProperty("escalated").GetBoolean());
        Assert.True(rows[Id(2)].GetProperty("diverged").GetBoolean());
        Assert.False(rows[Id(1)].GetProperty("diverged").GetBoolean());
        Assert.All(rows.Values.Where(r => !r.GetProperty("changed").GetBoolean()), r => Assert.False(r.TryGetProperty("jury", out _)));
        Assert.True(status.TokensUsed > 0);
        Assert.True(status.CostUsd > 0);
        var manifest = JsonDocument.Parse(File.ReadAllText(status.ManifestLocation)).RootElement;
        Assert.Equal(2, manifest.GetProperty("jury_escalated").GetInt64());
        Assert.Equal(Judges, manifest.GetProperty("jury").GetProperty("judges").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal((decimal)status.CostUsd, manifest.GetProperty("cost_usd").GetDecimal(), 9);
        Assert.Contains("equivalence v1", File.ReadAllText(status.ReportLocation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartShadowComparison_JuryOfAnUnknownSuite_FailsNamingTheSuite()
    {
        var request = Request("shadow-jury-unknown", "no-such-suite");

        var status = await RunAsync(request);

        Assert.Equal(BatchState.Failed, status.State);
        Assert.Contains("no-such-suite", status.Message, StringComparison.Ordinal);
        Assert.StartsWith("jury:", status.Message, StringComparison.Ordinal);
    }

    private static string Id(int i) => "r" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static List<string> Answered(JsonElement row) =>
        row.GetProperty("jury").GetProperty("judges_answered").EnumerateArray().Select(j => j.GetString()!).ToList();

    private StartShadowComparisonRequest Request(string jobId, string suite)
    {
        var baseline = ShadowFiles.WriteJsonl(_dir.File(jobId + "-baseline.jsonl"), Enumerable.Range(0, 40).Select(i => (Id(i), ShadowFiles.Answer(i), "x")));
        var candidate = ShadowFiles.WriteJsonl(_dir.File(jobId + "-candidate.jsonl"), Enumerable.Range(0, 40).Select(i =>
            (Id(i), Recorded.ContainsKey(i) ? ShadowFiles.Changed(i) : ShadowFiles.Answer(i), "x")));
        return new StartShadowComparisonRequest
        {
            JobId = jobId,
            Baseline = new ShadowSide { Location = baseline, RowIdColumn = "id", TextColumn = "answer" },
            Candidate = new ShadowSide { Location = candidate, RowIdColumn = "id", TextColumn = "answer" },
            Jury = new ShadowJury { Suite = suite },
            ChunkSize = 20,
            OutputLocation = _dir.File("out-" + jobId),
        };
    }

    private async Task<ShadowComparisonStatus> RunAsync(StartShadowComparisonRequest request)
    {
        var client = _batch!.Shadow;
        Assert.False((await client.StartShadowComparisonAsync(request)).AlreadyExisted);
        ShadowComparisonStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await client.GetShadowComparisonAsync(new GetShadowComparisonRequest { JobId = request.JobId });
                return status.State is BatchState.Completed or BatchState.Failed;
            },
            TimeSpan.FromSeconds(180));
        return status!;
    }

    private static List<JsonElement> ReadRows(string output) =>
        Directory.GetFiles(Path.Combine(output, "rows"), "rows-*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();

    private static string Suite(string name) => $"""
        name: {name}
        description: Do the baseline and candidate answers say the same thing?
        jury:
          aggregation: majority
          quorum: 2
          escalate_below_agreement: 0.6
          judges:
        {string.Concat(Judges.Select(j => $"    - name: {j}\n      model: {j}\n      output: pass_fail\n      max_attempts: 1\n      rubric: Pass when outputs 1 and 2 are equivalent.\n"))}
        """;

    private string WriteRecordings()
    {
        var path = _dir.File("judges.jsonl");
        var lines = Recorded.SelectMany(row => Judges.Select((judge, j) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = judge,
            ["match"] = new Dictionary<string, string> { ["contains"] = $"[case {Id(row.Key)}]" },
            ["content"] = row.Value[j] is { } pass ? $$"""{"pass": {{(pass ? "true" : "false")}}, "reason": "recorded"}""" : "no verdict",
            ["latency_ms"] = 1,
        })));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static Dictionary<string, string?> JudgeModels()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var judge in Judges)
        {
            settings[$"LlmGateway:Models:{judge}:Deployments:0:Provider"] = "simulated";
            settings[$"LlmGateway:Models:{judge}:Price:InputPerMillion"] = InputPerMillion.ToString(CultureInfo.InvariantCulture);
            settings[$"LlmGateway:Models:{judge}:Price:OutputPerMillion"] = OutputPerMillion.ToString(CultureInfo.InvariantCulture);
            settings[$"RateLimiting:Models:{judge}:RequestsPerMinute"] = "1000000000";
            settings[$"RateLimiting:Models:{judge}:TokensPerMinute"] = "100000000000";
        }

        return settings;
    }
}
