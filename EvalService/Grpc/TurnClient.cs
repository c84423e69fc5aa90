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
public sealed class TurnClient(ITemporalClient temporal, IOptions<EvalOptions> options)
{
    public static string WorkflowId(string turnId) => "eval-turn/" + turnId;

    /// <summary>
    /// Starts the turn (or joins it if it runs already) and waits for its decision for at most the budget. The
    /// budget is kept on this side too: when the worker is too busy to answer in time, the suite's late policy
    /// answers here and the workflow is told so (signal-with-start, which needs no worker), so the turn's later
    /// verdict (a retraction of an answer shown provisionally) stays consistent with what the caller heard.
    /// </summary>
    public async Task<TurnState> EvaluateAsync(TurnInput input, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = WithStartWorkflowOperation.Create((TurnWorkflow w) => w.RunAsync(input), StartOptions(input));
        var update = temporal.ExecuteUpdateWithStartWorkflowAsync(
            (TurnWorkflow w) => w.AwaitDecisionAsync(new DecisionRequest(budget)),
            new WorkflowUpdateWithStartOptions(start) { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        LiveTurnEvents.Mark(Activity.Current, LiveTurnEvents.UpdateSent);

        // The update call is left to finish on its own rather than cancelled: the workflow answers it at its own
        // budget, and cancelling an update in flight buys nothing.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (await Task.WhenAny(update, Task.Delay(budget, deadline.Token)) != update)
        {
            _ = update.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            LiveTurnEvents.Mark(Activity.Current, LiveTurnEvents.AnsweredLate);
            return await AnswerLateAsync(input, cancellationToken);
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

    private async Task<TurnState> AnswerLateAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var late = TurnState.LateDecision(input.Definition);
        var options = StartOptions(input);
        options.Rpc = new RpcOptions { CancellationToken = cancellationToken };
        options.SignalWithStart((TurnWorkflow w) => w.CallerAnsweredLateAsync(new LateAnswer(late)));
        var answer = TurnState.Start(input).AnsweredLate(late);
        try
        {
            await temporal.StartWorkflowAsync((TurnWorkflow w) => w.RunAsync(input), options);
            return answer;
        }
        catch (WorkflowAlreadyStartedException)
        {
            // The turn finished in the meantime: its verdict is the answer.
            return await GetAsync(input.TurnId, cancellationToken) ?? answer;
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
