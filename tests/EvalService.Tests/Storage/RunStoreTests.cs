using Agentic.EvalService.Storage;
using Agentic.EvalService.Tests.Integration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Agentic.EvalService.Tests.Storage;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class RunStoreTests(EvalEnvironment environment)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<EvalDatabase> FreshDatabaseAsync()
    {
        var database = new EvalDatabase(NpgsqlDataSource.Create(await environment.Postgres.CreateDatabaseAsync("runstore")));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(database.DataSource, None);
        return database;
    }

    private static NewRun Run(string id, string suite = "s", string hash = "h1") =>
        new(id, hash, suite, 1, "inline", "jsonl", null, null);

    private static StoredCase Case(string runId, string caseId, int index, CaseState state, double? score = 1, long tokens = 10) =>
        new(runId, caseId, index, $"input {caseId}", $"output {caseId}", null, null, "1", state, score, null, "[]", null, null, tokens, tokens / 2, 0.5);

    private static StoredJudgeVerdict Verdict(string runId, string caseId, string judge, bool passed) =>
        new(runId, caseId, judge, "model-" + judge, true, passed ? 1 : 0, passed, null, "because", "", 120, 30, 5);

    [Fact]
    public async Task CreateAsync_SameRunIdTwice_ReturnsFirstRunNotCreated()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new RunStore(database);

        var (first, created) = await store.CreateAsync(Run("r1"), None);
        var (second, createdAgain) = await store.CreateAsync(Run("r1", hash: "other"), None);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal("h1", second.RequestHash);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(EvalRunState.Pending, second.State);
    }

    [Fact]
    public async Task SaveCasesAsync_ChunkWrittenTwice_CountsEachCaseOnce()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new RunStore(database);
        await store.CreateAsync(Run("r1"), None);
        await store.MarkRunningAsync("r1", 4, None);
        StoredCase[] chunk = [Case("r1", "a", 0, CaseState.Passed), Case("r1", "b", 1, CaseState.Failed, 0), Case("r1", "c", 2, CaseState.Escalated, null)];
        StoredJudgeVerdict[] verdicts = [Verdict("r1", "a", "j1", true), Verdict("r1", "a", "j2", true), Verdict("r1", "b", "j1", false)];

        await store.SaveCasesAsync("r1", chunk, verdicts, None);
        await store.SaveCasesAsync("r1", chunk, verdicts, None);
        await store.SaveCasesAsync("r1", [Case("r1", "d", 3, CaseState.Error, null, 0) with { Error = "row 4: not JSON" }], [], None);

        var run = (await store.GetAsync("r1", None))!;
        Assert.Equal(EvalRunState.Running, run.State);
        Assert.NotNull(run.StartedAt);
        Assert.Equal((4, 4, 1, 1, 1, 1), (run.CasesTotal, run.CasesDone, run.CasesPassed, run.CasesFailed, run.CasesEscalated, run.CasesErrored));
        Assert.Equal(30, run.TokensIn);
        Assert.Equal(2.0, run.CostUsd, 6);
        Assert.Equal(["a", "b", "c", "d"], (await store.ListCasesAsync("r1", None)).Select(c => c.CaseId));
        Assert.Equal("row 4: not JSON", (await store.ListCasesAsync("r1", None, CaseState.Error)).Single().Error);
        Assert.Equal(3, (await store.ListJudgeVerdictsAsync("r1", None)).Count);
    }

    [Fact]
    public async Task SaveCasesAsync_CaseRewritten_ReplacesItsVerdicts()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new RunStore(database);
        await store.CreateAsync(Run("r1"), None);
        await store.SaveCasesAsync("r1", [Case("r1", "a", 0, CaseState.Passed)], [Verdict("r1", "a", "j1", true), Verdict("r1", "a", "j2", true)], None);

        await store.SaveCasesAsync("r1", [Case("r1", "a", 0, CaseState.Failed, 0)], [Verdict("r1", "a", "j1", false)], None);

        var verdict = Assert.Single(await store.ListJudgeVerdictsAsync("r1", None));
        Assert.Equal(("j1", false, 120, "model-j1"), (verdict.Judge, verdict.Passed, verdict.LatencyMs, verdict.Model));
        var run = (await store.GetAsync("r1", None))!;
        Assert.Equal((1, 0, 1), (run.CasesDone, run.CasesPassed, run.CasesFailed));
    }

    [Fact]
    public async Task SaveCasesAsync_ConcurrentChunks_CountsEveryCase()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new RunStore(database);
        await store.CreateAsync(Run("r1"), None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(chunk => store.SaveCasesAsync(
            "r1",
            Enumerable.Range(0, 25).Select(i => Case("r1", $"c{(chunk * 25) + i}", (chunk * 25) + i, CaseState.Passed)).ToList(),
            [],
            None)));

        Assert.Equal(200, (await store.GetAsync("r1", None))!.CasesPassed);
    }

    [Fact]
    public async Task FinishAsync_AfterCancel_KeepsCancelled()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new RunStore(database);
        await store.CreateAsync(Run("r1"), None);

        Assert.True(await store.FinishAsync("r1", EvalRunState.Cancelled, "stopped by a person", None));
        Assert.False(await store.FinishAsync("r1", EvalRunState.Completed, null, None));

        var run = (await store.GetAsync("r1", None))!;
        Assert.Equal((EvalRunState.Cancelled, "stopped by a person"), (run.State, run.Error));
        Assert.True(run.Terminal);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task ListAsync_BySuiteAndSchedule_NewestFirst()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new RunStore(database);
        await store.CreateAsync(Run("old", "alpha"), None);
        await store.CreateAsync(Run("other", "beta"), None);
        await store.CreateAsync(Run("new", "alpha") with { ScheduleId = "twice-daily" }, None);

        Assert.Equal(["new", "old"], (await store.ListAsync("alpha", 10, None)).Select(r => r.RunId));
        Assert.Equal(3, (await store.ListAsync(null, 10, None)).Count);
        Assert.Equal(["new"], (await store.ListAsync(null, 10, None, "twice-daily")).Select(r => r.RunId));
        Assert.Single(await store.ListAsync("alpha", 1, None));
    }
}
