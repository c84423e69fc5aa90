using Agentic.Eval.V1;
using Agentic.EvalService.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.EvalService.Tests.Integration;

/// <summary>An offline run reports its gateway usage and cost at the gateway's prices (issue #11: eval runs report their cost).</summary>
[Collection(EvalEnvironmentCollection.Name)]
public sealed class OfflineRunCostTests(EvalEnvironment environment)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(5);

    private Eval.V1.EvalService.EvalServiceClient Client => environment.Service.Client;

    [Fact]
    public async Task GetEvalRun_JudgeAndModelUnderTestPriced_ReportsTokensAndCost()
    {
        await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = $"""
            name: offline-cost
            jury:
              aggregation: mean
              pass_threshold: 0
              judges:
                - name: priced
                  model: {EvalEnvironment.PricedModel}
                  rubric: Score how helpful the answer is.
                - name: unpriced
                  model: sim-chat
                  rubric: Score how polite the answer is.
            """ });
        const string content = """
            {"id": "given", "input": "Say hello.", "output": "Hello!"}
            {"id": "generated", "input": "Say goodbye."}
            """;

        var started = await Client.StartEvalRunAsync(OfflineRuns.Inline("cost-1", "offline-cost", content, model: EvalEnvironment.PricedModel));
        EvalRun? watched = null;
        using (var deadline = new CancellationTokenSource(RunDeadline))
        using (var watch = Client.WatchEvalRun(new GetEvalRunRequest { RunId = started.RunId }, cancellationToken: deadline.Token))
        {
            while (await watch.ResponseStream.MoveNext(deadline.Token))
            {
                watched = watch.ResponseStream.Current;
            }
        }

        var run = await Client.GetEvalRunAsync(new GetEvalRunRequest { RunId = started.RunId });
        var store = environment.Service.Services.GetRequiredService<RunStore>();
        var cases = await store.ListCasesAsync(started.RunId, CancellationToken.None);
        var verdicts = await store.ListJudgeVerdictsAsync(started.RunId, CancellationToken.None);
        var generated = cases.Single(c => c.CaseId == "generated");
        var priced = verdicts.Where(v => v.Model == EvalEnvironment.PricedModel).ToList();
        // A case's tokens are its generation's and its judges'.
        var generation = (In: generated.TokensIn - verdicts.Where(v => v.CaseId == "generated").Sum(v => v.TokensIn),
            Out: generated.TokensOut - verdicts.Where(v => v.CaseId == "generated").Sum(v => v.TokensOut));
        var expected = Cost(generation.In, generation.Out) + priced.Sum(v => Cost(v.TokensIn, v.TokensOut));

        Assert.Equal((RunState.Completed, 2), (run.State, run.CasesPassed));
        Assert.Equal(2, priced.Count);
        Assert.True(generation.Out > 0 && priced.All(v => v.TokensIn > 0 && v.TokensOut > 0), "the priced calls used tokens");
        Assert.Equal((double)expected, run.CostUsd, 12);
        Assert.True(run.CostUsd > 0);
        Assert.Equal(cases.Sum(c => c.TokensIn), run.TokensIn);
        Assert.Equal(cases.Sum(c => c.TokensOut), run.TokensOut);
        Assert.True(run.TokensIn > priced.Sum(v => v.TokensIn) + generation.In, "the unpriced judge's tokens count too");
        Assert.NotNull(watched);
        Assert.Equal((run.CostUsd, run.TokensIn, run.TokensOut), (watched.CostUsd, watched.TokensIn, watched.TokensOut));
    }

    private static decimal Cost(long tokensIn, long tokensOut) =>
        ((tokensIn * EvalEnvironment.PricedInputPerMillion) + (tokensOut * EvalEnvironment.PricedOutputPerMillion)) / 1_000_000m;
}
