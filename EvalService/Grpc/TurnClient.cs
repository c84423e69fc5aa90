using Agentic.EvalService.Options;
using Agentic.EvalService.Suites;
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

    /// <summary>How long past the budget the caller still waits for the workflow's own answer before answering alone.</summary>
    public static readonly TimeSpan AnswerGrace = TimeSpan.FromMilliseconds(25);

    /// <summary>How long the abandoned wait for a late workflow answer may go on in the background.</summary>
    private static readonly TimeSpan BackgroundWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Starts the turn (or joins it if it runs already) and waits for its decision for at most the budget. The
    /// workflow enforces the budget with its own timer, but a worker that is behind (load, a restart) may not run
    /// that timer in time; so the caller's wait is bounded here too, and past budget + <see cref="AnswerGrace"/> the
    /// suite's late policy answers without the workflow. The workflow's update keeps going in the background, so
    /// the turn still records that its budget ran out and a failing jury still retracts.
    /// </summary>
    public async Task<TurnState> EvaluateAsync(TurnInput input, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = WithStartWorkflowOperation.Create(
            (TurnWorkflow w) => w.RunAsync(input),
            new WorkflowOptions(WorkflowId(input.TurnId), options.Value.TaskQueue)
            {
                // A turn evaluated again joins its running workflow, or reads the verdict of the finished one.
                IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                RunTimeout = TimeSpan.FromHours(1),
            });
        var decided = DecideAsync(start, budget, input.TurnId);
        var deadline = Task.Delay(budget + AnswerGrace, cancellationToken);
        if (await Task.WhenAny(decided, deadline) == decided)
        {
            return await decided;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // The turn must exist before the caller hears of it: its next call may be WatchTurn.
            await start.GetHandleAsync().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return await decided;
        }

        _ = decided.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var late = input.Definition.Live.WhenLate == LateAction.ShowProvisional ? TurnDecision.ShowProvisional : TurnDecision.RetractPending;
        return TurnState.Start(input) with { Decision = late, BudgetExpired = true, Reason = "the jury has not decided within the budget (answered before the worker did)" };
    }

    private async Task<TurnState> DecideAsync(WithStartWorkflowOperation<WorkflowHandle<TurnWorkflow, TurnState>> start, TimeSpan budget, string turnId)
    {
        // Not the caller's token: the update must reach the workflow even when the caller has its answer already.
        using var background = new CancellationTokenSource(BackgroundWait);
        var cancellationToken = background.Token;
        try
        {
            return await temporal.ExecuteUpdateWithStartWorkflowAsync(
                (TurnWorkflow w) => w.AwaitDecisionAsync(new DecisionRequest(budget)),
                new WorkflowUpdateWithStartOptions(start) { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (Exception exception) when (exception is WorkflowAlreadyStartedException or RpcException { Code: RpcException.StatusCode.NotFound or RpcException.StatusCode.FailedPrecondition })
        {
            return await GetAsync(turnId, cancellationToken) ?? throw new InvalidOperationException($"turn {turnId} vanished", exception);
        }
    }

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
