using System.Collections.Concurrent;
using System.Diagnostics;
using Agentic.EvalService.Options;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Grpc;

/// <summary>Starts turn workflows and reads their verdicts. One workflow per conversation turn (idempotent).</summary>
public sealed class TurnClient(ITemporalClient temporal, IOptions<EvalOptions> options, ILogger<TurnClient> logger)
{
    // Late answers whose signal is still on its way, so that a WatchTurn right after the answer finds the turn.
    private readonly ConcurrentDictionary<string, Task> _lateSignals = new(StringComparer.Ordinal);

    public static string WorkflowId(string turnId) => "eval-turn/" + turnId;

    /// <summary>
    /// Starts the turn (or joins it if it runs already) and waits for its decision until <see cref="TurnInput.AnswerBy"/>.
    /// The deadline is kept on this side: when the workflow has not answered by then (the jury is slow, or the worker
    /// too busy), the suite's late policy answers here at once. The workflow learns of it twice, neither of which the
    /// caller waits for: it keeps the same deadline itself (it is in its input), and a signal-with-start sent in the
    /// background tells it that the caller was answered late (which turns a jury failure decided just before the
    /// deadline, but answered after it, into a retraction).
    /// </summary>
    public async Task<TurnState> EvaluateAsync(TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var answerBy = input.AnswerBy ?? throw new ArgumentException("a live turn needs its deadline", nameof(input));
        var wait = answerBy - DateTimeOffset.UtcNow;
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        var start = WithStartWorkflowOperation.Create((TurnWorkflow w) => w.RunAsync(input), StartOptions(input));

        // Not cancelled with the call: the workflow answers the update by its own deadline anyway, and an
        // update-with-start cancelled in flight leaves nothing better behind.
        var update = temporal.ExecuteUpdateWithStartWorkflowAsync(
            (TurnWorkflow w) => w.AwaitDecisionAsync(new DecisionRequest(wait)),
            new WorkflowUpdateWithStartOptions(start));
        LiveTurnEvents.Mark(Activity.Current, LiveTurnEvents.UpdateSent);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (await Task.WhenAny(update, Task.Delay(wait, deadline.Token)) != update)
        {
            _ = update.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            LiveTurnEvents.Mark(Activity.Current, LiveTurnEvents.AnsweredLate);
            return AnswerLate(input);
        }

        await deadline.CancelAsync();
        try
        {
            var state = await update;
            LiveTurnEvents.Mark(Activity.Current, LiveTurnEvents.AnsweredByWorkflow);
            return state;
        }
        catch (Exception exception) when (exception is WorkflowAlreadyStartedException or RpcException { Code: RpcException.StatusCode.NotFound or RpcException.StatusCode.FailedPrecondition })
        {
            return await GetAsync(input.TurnId, cancellationToken) ?? throw new InvalidOperationException($"turn {input.TurnId} vanished", exception);
        }
    }

    private TurnState AnswerLate(TurnInput input)
    {
        var late = TurnState.LateDecision(input.Definition);
        var signal = SignalLateAsync(input, new LateAnswer(late));
        _lateSignals[input.TurnId] = signal;
        _ = signal.ContinueWith(
            _ => _lateSignals.TryRemove(new KeyValuePair<string, Task>(input.TurnId, signal)),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return TurnState.Start(input).AnsweredLate(late);
    }

    private async Task SignalLateAsync(TurnInput input, LateAnswer answer)
    {
        var options = StartOptions(input);
        options.SignalWithStart((TurnWorkflow w) => w.CallerAnsweredLateAsync(answer));
        try
        {
            await temporal.StartWorkflowAsync((TurnWorkflow w) => w.RunAsync(input), options);
        }
        catch (WorkflowAlreadyStartedException)
        {
            // The turn closed first: it decided before the deadline, and its reply reached us only after it.
            logger.LateAnswerAfterTurnClosed(input.TurnId);
        }
        catch (RpcException exception)
        {
            // The workflow still applies the late policy at the same deadline (it is in its input).
            logger.LateSignalFailed(exception, input.TurnId);
        }
    }

    private WorkflowOptions StartOptions(TurnInput input) =>
        new(WorkflowId(input.TurnId), options.Value.TaskQueue)
        {
            // A turn evaluated again joins its running workflow, or reads the verdict of the finished one.
            IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
            IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
            RunTimeout = TimeSpan.FromHours(1),
        };

    /// <summary>The turn's current verdict, or null when there is no such turn.</summary>
    public async Task<TurnState?> GetAsync(string turnId, CancellationToken cancellationToken)
    {
        if (_lateSignals.TryGetValue(turnId, out var signal))
        {
            await signal.WaitAsync(cancellationToken);
        }

        try
        {
            return await temporal.GetWorkflowHandle<TurnWorkflow>(WorkflowId(turnId))
                .QueryAsync(w => w.Verdict, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }
}
