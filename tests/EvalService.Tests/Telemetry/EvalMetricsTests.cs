using Agentic.Eval.V1;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Tests.Integration;
using LiveSuites = Agentic.EvalService.Tests.Integration.Suites;
using Agentic.Telemetry;
using Agentic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.EvalService.Tests.Telemetry;

/// <summary>The pattern metrics as the running service emits them on a live turn, read with a MeterListener.</summary>
[Collection(EvalEnvironmentCollection.Name)]
public sealed class EvalMetricsTests(EvalEnvironment environment)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private Eval.V1.EvalService.EvalServiceClient Client => environment.Service.Client;

    private static EvaluateTurnRequest Turn(string suite, string conversation, string response, int? budgetMs = null)
    {
        var request = new EvaluateTurnRequest
        {
            ConversationId = conversation,
            TurnIndex = 1,
            UserRequest = "How do I reset my password?",
            AssistantResponse = response,
            Suite = suite,
        };
        if (budgetMs is { } budget)
        {
            request.BudgetMs = budget;
        }

        return request;
    }

    [Fact]
    public async Task EvaluateTurn_JuryPasses_CountsShowAndJudgeLatencyByModel()
    {
        using var recorder = new MetricRecorder();
        await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = LiveSuites.Live("metrics-show") });

        var verdict = await Client.EvaluateTurnAsync(Turn("metrics-show", "conv-metrics-show", "Open Settings > Security."));

        Assert.Equal(Decision.Show, verdict.Decision);
        var decisions = recorder.Of(EvalMetricNames.LiveDecisions, ("suite", "metrics-show"));
        var decision = Assert.Single(decisions);
        Assert.Equal("show", decision.Tags["outcome"]);
        Assert.Equal(1, decision.Value);
        var judged = recorder.Of(EvalMetricNames.JudgeDuration, ("judge_model", "sim-chat"), ("outcome", "answered"));
        Assert.True(judged.Count >= 2, $"two judges answered, {judged.Count} durations recorded");
        Assert.All(judged, m => Assert.True(m.Value >= EvalEnvironment.JudgeLatency.TotalMilliseconds * 0.9, $"{m.Value} ms is below the simulated latency"));
        Assert.Empty(recorder.Of(EvalMetricNames.LiveRetractions, ("suite", "metrics-show")));
    }

    [Fact]
    public async Task EvaluateTurn_JuryLateAndFails_CountsProvisionalThenOneRetraction()
    {
        using var recorder = new MetricRecorder();
        await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = LiveSuites.Live("metrics-late", threshold: 1.0) });

        var verdict = await Client.EvaluateTurnAsync(Turn("metrics-late", "conv-metrics-late", "Try turning it off and on again.", budgetMs: 1));

        Assert.Equal(Decision.ShowProvisional, verdict.Decision);
        Assert.Equal("show_provisional", Assert.Single(recorder.Of(EvalMetricNames.LiveDecisions, ("suite", "metrics-late"))).Tags["outcome"]);
        await Poll.UntilAsync(() => recorder.Of(EvalMetricNames.LiveRetractions, ("suite", "metrics-late")).Count > 0, Deadline, "the late jury retracts");
        Assert.Single(recorder.Of(EvalMetricNames.LiveRetractions, ("suite", "metrics-late")));
    }

    [Fact]
    public async Task EvaluateTurn_TooManyJudgesFail_CountsLiveEscalation()
    {
        using var recorder = new MetricRecorder();
        await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = LiveSuites.Live("metrics-escalate", quorum: 3, failingJudge: true) });

        var verdict = await Client.EvaluateTurnAsync(Turn("metrics-escalate", "conv-metrics-escalate", "Open Settings > Security."));

        Assert.Equal(Decision.Escalated, verdict.Decision);
        await Poll.UntilAsync(() => recorder.Of(EvalMetricNames.CasesEscalated, ("suite", "metrics-escalate"), ("mode", "live")).Count > 0, Deadline, "the escalation is counted");
        Assert.Equal("escalated", Assert.Single(recorder.Of(EvalMetricNames.LiveDecisions, ("suite", "metrics-escalate"))).Tags["outcome"]);
    }

    [Fact]
    public async Task StartEvalRun_OneCaseOfThreeLeaksPii_RecordsPassRateOnceForSuite()
    {
        using var recorder = new MetricRecorder();
        await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = OfflineRuns.ChecksSuite("metrics-offline-run") });
        const string cases = """
            {"id": "a", "input": "hi", "output": "Hello, how can I help?"}
            {"id": "b", "input": "mail?", "output": "Write to jane.doe@example.com for that."}
            {"id": "c", "input": "bye", "output": "Goodbye."}
            """;

        await Client.StartEvalRunAsync(OfflineRuns.Inline("metrics-offline-1", "metrics-offline-run", cases + "\n"));

        await Poll.UntilAsync(() => recorder.Of(EvalMetricNames.RunPassRate, ("suite", "metrics-offline-run")).Count > 0, Deadline, "the finished run reports its pass rate");
        Assert.Equal(2.0 / 3, Assert.Single(recorder.Of(EvalMetricNames.RunPassRate, ("suite", "metrics-offline-run"))).Value, 6);
    }

    [Fact]
    public void RunFinished_PassedOfDecided_RecordsPassRateAndOfflineEscalations()
    {
        using var recorder = new MetricRecorder();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new EvalMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

        metrics.RunFinished("metrics-offline", passed: 3, decided: 4, escalated: 2);

        Assert.Equal(0.75, Assert.Single(recorder.Of(EvalMetricNames.RunPassRate, ("suite", "metrics-offline"))).Value);
        Assert.Equal(2, Assert.Single(recorder.Of(EvalMetricNames.CasesEscalated, ("suite", "metrics-offline"), ("mode", "offline"))).Value);
    }
}
