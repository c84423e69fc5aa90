using Agentic.EvalService.Grpc;
using Agentic.EvalService.Options;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Tests.Integration;
using Agentic.EvalService.Workflows;
using Agentic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Client;
using Temporalio.Exceptions;
using LiveSuites = Agentic.EvalService.Tests.Integration.Suites;

namespace Agentic.EvalService.Tests.Grpc;

/// <summary>
/// The caller's deadline holds even when no worker answers in time (here: no worker polls the task queue until after
/// the answer), and it does not wait for the turn to hear of the late answer; the turn still records it.
/// </summary>
[Collection(EvalEnvironmentCollection.Name)]
public sealed class TurnClientTests(EvalEnvironment environment)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("show_provisional", TurnDecision.ShowProvisional)]
    [InlineData("retract_pending", TurnDecision.RetractPending)]
    public async Task EvaluateAsync_NoWorkerAnswers_LatePolicyAnswersAtDeadlineAndTurnExists(string whenLate, TurnDecision expected)
    {
        var queue = "nobody-polls-" + Guid.NewGuid().ToString("N")[..8];
        var client = Client(environment.Emulator.Client, queue);
        var input = Input($"no-worker-{whenLate}/1", LiveSuites.Live("no-worker-" + whenLate.Replace('_', '-'), whenLate: whenLate), "Hi.");

        var state = await client.EvaluateAsync(input, CancellationToken.None);
        var answered = DateTimeOffset.UtcNow;

        Assert.Equal(expected, state.Decision);
        Assert.True(state.BudgetExpired);
        Assert.False(state.Final);
        // Task.Delay never fires early by more than the clock's rounding.
        Assert.True(answered >= input.AnswerBy!.Value.AddMilliseconds(-5), $"answered {(input.AnswerBy.Value - answered).TotalMilliseconds:F0} ms before the deadline");
        // Generous for a loaded machine: without the caller-side deadline this call waits for a worker (20 s or more).
        Assert.True(answered < input.AnswerBy.Value.AddSeconds(10), $"answered {(answered - input.AnswerBy.Value).TotalMilliseconds:F0} ms after the deadline");
        await Poll.UntilAsync(async () => await QueueOfAsync(input) == queue, Generous, "the turn exists on the service's task queue");
    }

    [Fact]
    public async Task EvaluateAsync_LateSignalHeldUp_AnswersWithoutWaitingForIt()
    {
        var queue = "held-signal-" + Guid.NewGuid().ToString("N")[..8];
        var held = new HeldSignals();
        var client = Client(held.Around(environment.Emulator.Client), queue);
        var input = Input("held-signal/1", LiveSuites.Live("held-signal"), "Hi.");

        var state = await client.EvaluateAsync(input, CancellationToken.None);

        Assert.Equal(TurnDecision.ShowProvisional, state.Decision);
        Assert.True(DateTimeOffset.UtcNow < input.AnswerBy!.Value.AddSeconds(10));
        // The answer came back while eval-service's word of it to the turn is still held up.
        await Poll.UntilAsync(() => held.Held == 1, Generous, "the late signal is sent, and held");
        held.Release();
        await Poll.UntilAsync(() => held.Held == 0, Generous, "the late signal is released");
        await Poll.UntilAsync(async () => await QueueOfAsync(input) == queue, Generous, "the turn exists");
    }

    [Fact]
    public async Task EvaluateAsync_AnsweredShowProvisionalBeforeAnyWorker_JuryFailingLaterRetracts()
    {
        var queue = "late-worker-" + Guid.NewGuid().ToString("N")[..8];
        // The service's own client: it encrypts payloads as eval-service's workers expect.
        var temporal = environment.Service.Services.GetRequiredService<ITemporalClient>();
        var client = Client(temporal, queue);
        var input = Input("late-worker/1", LiveSuites.Live("late-worker", threshold: 1.0), "Try turning it off and on again.");

        var told = await client.EvaluateAsync(input, CancellationToken.None);
        Assert.Equal(TurnDecision.ShowProvisional, told.Decision);

        var final = await FinishWithWorkerAsync(temporal, queue, input);
        Assert.Equal(TurnDecision.Retract, final.Decision);
        Assert.True(final.BudgetExpired);
        Assert.False(final.Jury!.Passed);
    }

    [Fact]
    public async Task EvaluateAsync_LateSignalNeverSent_TurnKeepsTheDeadlineItselfAndRetracts()
    {
        var queue = "lost-signal-" + Guid.NewGuid().ToString("N")[..8];
        var temporal = environment.Service.Services.GetRequiredService<ITemporalClient>();
        var held = new HeldSignals();
        var client = Client(held.Around(temporal), queue);
        var input = Input("lost-signal/1", LiveSuites.Live("lost-signal", threshold: 1.0), "Try turning it off and on again.");

        // As if eval-service stopped right after answering: the signal never leaves.
        var told = await client.EvaluateAsync(input, CancellationToken.None);
        Assert.Equal(TurnDecision.ShowProvisional, told.Decision);

        var final = await FinishWithWorkerAsync(temporal, queue, input);
        Assert.Equal(1, held.Held);
        held.Release();
        Assert.Equal(TurnDecision.Retract, final.Decision);
        Assert.True(final.BudgetExpired);
        Assert.False(final.Jury!.Passed);
    }

    private static TurnClient Client(ITemporalClient temporal, string queue) =>
        new(temporal, Microsoft.Extensions.Options.Options.Create(new EvalOptions { TaskQueue = queue }), NullLogger<TurnClient>.Instance);

    private static TurnInput Input(string turnId, string yaml, string response)
    {
        var definition = SuiteParser.Parse(yaml);
        return new TurnInput(turnId, definition.Name, 1, definition, "How do I reset my password?", response, [], null, DateTimeOffset.UtcNow + Budget);
    }

    private async Task<string?> QueueOfAsync(TurnInput input)
    {
        try
        {
            return (await environment.Emulator.Client.GetWorkflowHandle(TurnClient.WorkflowId(input.TurnId)).DescribeAsync()).TaskQueue;
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The worker comes up only now, after the caller was answered: the jury then decides the turn.</summary>
    private async Task<TurnState> FinishWithWorkerAsync(ITemporalClient temporal, string queue, TurnInput input)
    {
        await using var worker = await EvalServiceHost.StartAsync(
            environment.Emulator.Address, environment.Gateway, environment.DatabaseConnectionString, new Dictionary<string, string?> { ["Eval:TaskQueue"] = queue });
        using var deadline = new CancellationTokenSource(Generous);
        return await temporal.GetWorkflowHandle<TurnWorkflow>(TurnClient.WorkflowId(input.TurnId))
            .GetResultAsync<TurnState>(rpcOptions: new RpcOptions { CancellationToken = deadline.Token });
    }
}
