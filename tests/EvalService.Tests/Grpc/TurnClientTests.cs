using System.Diagnostics;
using Agentic.EvalService.Grpc;
using Agentic.EvalService.Options;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Tests.Integration;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Temporalio.Client;
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
        // Generous for a loaded machine: without the caller-side deadline this call waits for a worker (20 s or more).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered after {clock.Elapsed.TotalMilliseconds:F0} ms");
        var description = await environment.Emulator.Client.GetWorkflowHandle(TurnClient.WorkflowId(input.TurnId)).DescribeAsync();
        Assert.Equal(queue, description.TaskQueue);
    }
    [Fact]
    public async Task EvaluateAsync_AnsweredShowProvisionalBeforeAnyWorker_JuryFailingLaterRetracts()
    {
        var queue = "late-worker-" + Guid.NewGuid().ToString("N")[..8];
        // The service's own client: it encrypts payloads as eval-service's workers expect.
        var temporal = environment.Service.Services.GetRequiredService<ITemporalClient>();
        var client = new TurnClient(temporal, Microsoft.Extensions.Options.Options.Create(new EvalOptions { TaskQueue = queue }));
        var definition = SuiteParser.Parse(LiveSuites.Live("late-worker", threshold: 1.0));
        var input = new TurnInput("late-worker/1", definition.Name, 1, definition, "How do I reset my password?", "Try turning it off and on again.", [], null);

        var told = await client.EvaluateAsync(input, Budget, CancellationToken.None);
        Assert.Equal(TurnDecision.ShowProvisional, told.Decision);

        // The worker comes up only now: the jury fails the answer the caller was already told to show.
        await using var worker = await EvalServiceHost.StartAsync(
            environment.Emulator.Address, environment.Gateway, environment.DatabaseConnectionString, new Dictionary<string, string?> { ["Eval:TaskQueue"] = queue });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var final = await temporal.GetWorkflowHandle<TurnWorkflow>(TurnClient.WorkflowId(input.TurnId))
            .GetResultAsync<TurnState>(rpcOptions: new RpcOptions { CancellationToken = deadline.Token });

        Assert.Equal(TurnDecision.Retract, final.Decision);
        Assert.True(final.BudgetExpired);
        Assert.False(final.Jury!.Passed);
    }
}
