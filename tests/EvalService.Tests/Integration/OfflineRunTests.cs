using Agentic.Eval.V1;
using Agentic.EvalService.Storage;
using Agentic.EvalService.Tests.Judging;
using Agentic.EvalService.Workflows;
using Agentic.Testing;
using Agentic.WorkerDefaults.Temporal;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Worker;

namespace Agentic.EvalService.Tests.Integration;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class OfflineRunTests(EvalEnvironment environment)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(8);

    private Eval.V1.EvalService.EvalServiceClient Client => environment.Service.Client;

    private async Task RegisterAsync(string yaml) => await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = yaml });

    [Fact]
    public async Task StartEvalRun_LlmBarWithRecordedJudges_JuryMajorityMatchesFile()
    {
        await RegisterAsync(OfflineRuns.LlmBarSuite("llmbar-majority-3", OfflineRuns.ThreeJudges));

        var started = await Client.StartEvalRunAsync(OfflineRuns.LlmBarRun("llmbar-e2e", "llmbar-majority-3"));
        var run = await WatchUntilDoneAsync(started.RunId);

        var expectedCorrect = OfflineRuns.MajorityCorrect(OfflineRuns.ThreeJudges);
        Assert.Equal(205, expectedCorrect); // the README's figure for this ensemble
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal((319, 319, 0, 0), (run.CasesTotal, run.CasesDone, run.CasesErrored, run.CasesEscalated));
        Assert.Equal((double)expectedCorrect / 319, run.JuryAccuracy, 9);
        foreach (var judge in OfflineRuns.ThreeJudges)
        {
            var stats = run.Judges.Single(j => j.Judge == LlmBarRecordings.Model(judge));
            Assert.Equal(LlmBarCase.Load().Count(c => c.Verdicts[judge] == c.Label), stats.Correct);
            Assert.Equal(319, stats.Labelled);
            Assert.Equal(LlmBarCase.Load().Count(c => c.Verdicts[judge] is not null), stats.Answered);
        }

        Assert.Equal(3, run.Kappa.Count);
        Assert.InRange(run.FleissKappa, -1, 1);
    }

    [Fact]
    public async Task StartEvalRun_SameRequestTwice_StartsOneRun()
    {
        await RegisterAsync(OfflineRuns.ChecksSuite("offline-idempotent"));
        var request = OfflineRuns.Inline("idempotent-1", "offline-idempotent", "{\"id\": \"a\", \"input\": \"hi\", \"output\": \"hello\"}\n");

        var first = await Client.StartEvalRunAsync(request);
        var second = await Client.StartEvalRunAsync(request);
        var changed = request.Clone();
        changed.Dataset.Content += "{\"id\": \"b\", \"input\": \"hi\", \"output\": \"hey\"}\n";
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.StartEvalRunAsync(changed).ResponseAsync);

        Assert.Equal((first.RunId, false, true), (second.RunId, first.AlreadyExisted, second.AlreadyExisted));
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.StartsWith("dataset.content:", error.Status.Detail, StringComparison.Ordinal);
        var run = await WatchUntilDoneAsync(first.RunId);
        Assert.Equal((1, 1), (run.CasesDone, run.CasesPassed));
        Assert.Single((await Client.ListEvalRunsAsync(new ListEvalRunsRequest { Suite = "offline-idempotent" })).Runs);
    }

    [Fact]
    public async Task StartEvalRun_MalformedRowAndModelUnderTest_FailsOnlyThatRow()
    {
        await RegisterAsync(OfflineRuns.JudgedSuite("offline-rows"));
        const string content = """
            {"id": "given", "input": "Say hello.", "output": "Hello!"}
            {"id": "broken", "input": "Say hello.", "output": 
            {"id": "generated", "input": "Say goodbye."}
            """;

        var started = await Client.StartEvalRunAsync(OfflineRuns.Inline("rows-1", "offline-rows", content, model: "sim-chat"));
        var run = await WatchUntilDoneAsync(started.RunId);

        Assert.Equal((3, 3, 2, 1), (run.CasesTotal, run.CasesDone, run.CasesPassed, run.CasesErrored));
        var failed = Assert.Single(run.Errors);
        Assert.Equal("row-2", failed.CaseId);
        Assert.StartsWith("line 2:", failed.Error, StringComparison.Ordinal);
        var cases = await environment.Service.Services.GetRequiredService<RunStore>().ListCasesAsync(started.RunId, CancellationToken.None);
        var generated = cases.Single(c => c.CaseId == "generated");
        Assert.False(string.IsNullOrWhiteSpace(generated.Output));
        Assert.True(generated.TokensOut > 0);
        Assert.Single(await environment.Service.Services.GetRequiredService<RunStore>().ListJudgeVerdictsAsync(started.RunId, CancellationToken.None), v => v.CaseId == "generated");
    }

    [Fact]
    public async Task CompareEvalRuns_CandidateLeaksPii_ReportsRegressionPerCaseAndMetric()
    {
        await RegisterAsync(OfflineRuns.ChecksSuite("offline-compare"));
        const string baseline = "{\"id\": \"a\", \"input\": \"Who?\", \"output\": \"Ask support.\"}\n{\"id\": \"b\", \"input\": \"Why?\", \"output\": \"Because.\"}\n";
        const string candidate = "{\"id\": \"a\", \"input\": \"Who?\", \"output\": \"Mail jane.doe@example.com.\"}\n{\"id\": \"b\", \"input\": \"Why?\", \"output\": \"Because.\"}\n";
        var first = await Client.StartEvalRunAsync(OfflineRuns.Inline("compare-base", "offline-compare", baseline));
        var second = await Client.StartEvalRunAsync(OfflineRuns.Inline("compare-cand", "offline-compare", candidate));
        await WatchUntilDoneAsync(first.RunId);
        await WatchUntilDoneAsync(second.RunId);

        var comparison = await Client.CompareEvalRunsAsync(new CompareEvalRunsRequest { BaselineRunId = first.RunId, CandidateRunId = second.RunId });

        Assert.Equal(1, comparison.Unchanged);
        Assert.Contains(comparison.Regressions, c => c is { CaseId: "a", Metric: "verdict", Baseline: 1, Candidate: 0 });
        Assert.Contains(comparison.Regressions, c => c is { CaseId: "a", Metric: "check:no-pii" } && c.CandidateOutput.Contains("jane.doe", StringComparison.Ordinal));
        Assert.Contains(comparison.Regressions, c => c is { CaseId: "", Metric: "pass_rate", Baseline: 1, Candidate: 0.5 });
        Assert.Empty(comparison.Improvements);
    }

    [Fact]
    public async Task CancelEvalRun_Running_EndsCancelled()
    {
        await RegisterAsync(OfflineRuns.LlmBarSuite("llmbar-cancel", ["GPT-4/Vanilla"]));
        var started = await Client.StartEvalRunAsync(OfflineRuns.LlmBarRun("cancel-1", "llmbar-cancel"));

        var cancelled = await Client.CancelEvalRunAsync(new CancelEvalRunRequest { RunId = started.RunId, Reason = "wrong dataset" });
        var watched = await WatchUntilDoneAsync(started.RunId);

        Assert.Equal(RunState.Cancelled, cancelled.State);
        Assert.Equal(RunState.Cancelled, watched.State);
        Assert.Equal(RunState.Cancelled, (await Client.GetEvalRunAsync(new GetEvalRunRequest { RunId = started.RunId })).State);
    }

    [Theory]
    [InlineData("no-such-suite", "{\"input\": \"a\", \"output\": \"b\"}", "", "", "suite")]
    [InlineData("offline-bad-input", "\n\n", "", "", "dataset")]
    [InlineData("offline-bad-input", "", "/nonexistent/cases.jsonl", "", "dataset.location")]
    [InlineData("offline-bad-input", "{\"input\": \"a\"}", "", "no-such-model", "dataset.model_under_test")]
    [InlineData("offline-bad-input", "", "", "", "dataset")]
    public async Task StartEvalRun_BadInput_InvalidArgumentNamingField(string suite, string content, string location, string model, string field)
    {
        await RegisterAsync(OfflineRuns.ChecksSuite("offline-bad-input"));
        var request = new StartEvalRunRequest
        {
            RunId = "bad-" + Guid.NewGuid().ToString("N"),
            Suite = suite,
            Dataset = new Dataset { Content = content, Location = location, ModelUnderTest = model },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.StartEvalRunAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartEvalRun_JudgeModelGoneFromGateway_InvalidArgumentNamingJudge()
    {
        // Registration refuses unknown models, so the suite is stored directly, as if the model left the gateway since.
        const string yaml = "name: offline-gone-judge\njury:\n  judges:\n    - name: gone\n      model: retired-model\n      rubric: Score it.\n";
        await environment.Service.Services.GetRequiredService<SuiteStore>().RegisterAsync(global::Agentic.EvalService.Suites.SuiteParser.Parse(yaml), yaml, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.StartEvalRunAsync(
            OfflineRuns.Inline("gone-judge", "offline-gone-judge", "{\"input\": \"a\", \"output\": \"b\"}")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("jury.judges[0].model", error.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("suite:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRunWorkflow_WorkerRestartedMidRun_NoCaseLostOrCountedTwice()
    {
        var taskQueue = "eval-restart-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["Eval:TaskQueue"] = taskQueue,
            ["Eval:RunChunkSize"] = "5", // 64 chunks: the run also continues as new (40 chunks per history)
            ["Eval:RunParallelChunks"] = "2",
        };
        var first = await EvalServiceHost.StartAsync(environment.Emulator.Address, environment.Gateway, environment.DatabaseConnectionString, settings);
        string runId;
        try
        {
            var client = new Eval.V1.EvalService.EvalServiceClient(first.Channel);
            await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = OfflineRuns.LlmBarSuite("llmbar-restart", OfflineRuns.ThreeJudges) });
            runId = (await client.StartEvalRunAsync(OfflineRuns.LlmBarRun("restart-1", "llmbar-restart"))).RunId;
            await Poll.UntilAsync(
                async () => (await client.GetEvalRunAsync(new GetEvalRunRequest { RunId = runId })).CasesDone >= 20,
                RunDeadline, "some chunks are stored before the worker stops");
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.True((await Client.GetEvalRunAsync(new GetEvalRunRequest { RunId = runId })).CasesDone < 319, "the worker stopped mid-run");
        await using var second = await EvalServiceHost.StartAsync(environment.Emulator.Address, environment.Gateway, environment.DatabaseConnectionString, settings);
        var run = await WatchUntilDoneAsync(runId);

        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal((319, 319, 0), (run.CasesTotal, run.CasesDone, run.CasesErrored));
        Assert.Equal(run.CasesDone, run.CasesPassed + run.CasesFailed + run.CasesEscalated);
        Assert.Equal((double)OfflineRuns.MajorityCorrect(OfflineRuns.ThreeJudges) / 319, run.JuryAccuracy, 9);
        var store = environment.Service.Services.GetRequiredService<RunStore>();
        Assert.Equal(319, (await store.ListCasesAsync(runId, CancellationToken.None)).Select(c => c.CaseId).Distinct().Count());
        Assert.Equal(319 * 3, (await store.ListJudgeVerdictsAsync(runId, CancellationToken.None)).Count);

        await ReplayAsync(runId);
    }

    /// <summary>Every run of the parent (continued as new) and a sample of its chunks replay without nondeterminism.</summary>
    private async Task ReplayAsync(string runId)
    {
        var client = environment.Emulator.Client;
        var histories = new List<WorkflowHistory>();
        var parentRuns = 0;
        await foreach (var execution in client.ListWorkflowsAsync($"WorkflowId STARTS_WITH '{EvalRunWorkflow.WorkflowIdPrefix}{runId}'"))
        {
            var parent = execution.Id == EvalRunWorkflow.WorkflowIdPrefix + runId;
            parentRuns += parent ? 1 : 0;
            if (parent || execution.Id.EndsWith("/chunk/0", StringComparison.Ordinal) || execution.Id.EndsWith("/chunk/300", StringComparison.Ordinal))
            {
                histories.Add(await client.GetWorkflowHandle(execution.Id, execution.RunId).FetchHistoryAsync());
            }
        }

        Assert.True(parentRuns >= 2, $"the run continued as new ({parentRuns} runs of the parent)");
        Assert.Equal(parentRuns + 2, histories.Count);
        // Offline judges are activities of their chunk, not child workflows (EvalChunkWorkflow.JudgesAsActivitiesPatch).
        Assert.All(histories.Where(h => h.Id.Contains("/chunk/", StringComparison.Ordinal)), h => Assert.DoesNotContain(h.Events, e => e.StartChildWorkflowExecutionInitiatedEventAttributes is not null));
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions
        {
            DataConverter = DataConverter.Default with { PayloadCodec = PayloadEncryptionCodec.FromBase64(EvalServiceHost.PayloadKey) },
        }.AddWorkflow<EvalRunWorkflow>().AddWorkflow<EvalChunkWorkflow>().AddWorkflow<JudgeWorkflow>());
        foreach (var result in await replayer.ReplayWorkflowsAsync(histories))
        {
            Assert.Null(result.ReplayFailure);
        }
    }

    private async Task<EvalRun> WatchUntilDoneAsync(string runId)
    {
        using var deadline = new CancellationTokenSource(RunDeadline);
        EvalRun? last = null;
        using var watch = Client.WatchEvalRun(new GetEvalRunRequest { RunId = runId }, cancellationToken: deadline.Token);
        while (await watch.ResponseStream.MoveNext(deadline.Token))
        {
            last = watch.ResponseStream.Current;
        }

        Assert.NotNull(last);
        Assert.NotEqual(RunState.Running, last.State);
        return last;
    }
}
