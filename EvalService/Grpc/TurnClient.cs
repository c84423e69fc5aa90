using Agentic.EvalService.Options;
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

    /// <summary>Starts the turn (or joins it if it runs already) and waits for its decision for at most the budget.</summary>
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
        try
        {
            return await temporal.ExecuteUpdateWithStartWorkflowAsync(
                (TurnWorkflow w) => w.AwaitDecisionAsync(new DecisionRequest(budget)),
                new WorkflowUpdateWithStartOptions(start) { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (Exception exception) when (exception is WorkflowAlreadyStartedException or RpcException { Code: RpcException.StatusCode.NotFound or RpcException.StatusCode.FailedPrecondition })
        {
            return await GetAsync(input.TurnId, cancellationToken) ?? throw new InvalidOperationException($"turn {input.TurnId} vanished", exception);
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
