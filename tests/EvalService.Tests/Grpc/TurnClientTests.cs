using System.Diagnostics;
using Agentic.EvalService.Grpc;
using Agentic.EvalService.Options;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Tests.Integration;
using Agentic.EvalService.Workflows;
using LiveSuites = Agentic.EvalService.Tests.Integration.Suites;

namespace Agentic.EvalService.Tests.Grpc;

/// <summary>The caller's budget holds even when no worker answers in time (here: no worker polls the task queue at all).</summary>
[Collection(EvalEnvironmentCollection.Name)]
public sealed class TurnClientTests(EvalEnvironment environment)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData("show_provisional", TurnDecision.ShowProvisional)]
    [InlineData("retract_pending", TurnDecision.RetractPending)]
    public async Task EvaluateAsync_NoWorkerAnswers_LatePolicyAnswersAndTurnExists(string whenLate, TurnDecision expected)
    {
        var queue = "nobody-polls-" + Guid.NewGuid().ToString("N")[..8];
        var client = new TurnClient(environment.Emulator.Client, Microsoft.Extensions.Options.Options.Create(new EvalOptions { TaskQueue = queue }));
        var definition = SuiteParser.Parse(LiveSuites.Live("no-worker-" + whenLate.Replace('_', '-'), whenLate: whenLate));
        var input = new TurnInput($"no-worker-{whenLate}/1", definition.Name, 1, definition, "Hello?", "Hi.", [], null);

        var clock = Stopwatch.StartNew();
        var state = await client.EvaluateAsync(input, Budget, CancellationToken.None);
        clock.Stop();

        Assert.Equal(expected, state.Decision);
        Assert.True(state.BudgetExpired);
        Assert.False(state.Final);
        Assert.True(clock.Elapsed >= Budget, $"answered after {clock.Elapsed.TotalMilliseconds:F0} ms, before the budget");
        // Generous for a loaded machine: without the caller-side deadline this call never returns.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"answered after {clock.Elapsed.TotalMilliseconds:F0} ms");
        var description = await environment.Emulator.Client.GetWorkflowHandle(TurnClient.WorkflowId(input.TurnId)).DescribeAsync();
        Assert.Equal(queue, description.TaskQueue);
    }
}
