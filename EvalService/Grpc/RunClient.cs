using Agentic.EvalService.Options;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Grpc;

/// <summary>Starts and cancels offline-run workflows (one per run id, id "eval-run/&lt;run id&gt;").</summary>
public sealed class RunClient(ITemporalClient temporal, IOptions<EvalOptions> options)
{
    public static string WorkflowId(string runId) => EvalRunWorkflow.WorkflowIdPrefix + runId;

    /// <summary>Starts the run's workflow unless it has been started already (a retried start joins it).</summary>
    public async Task StartAsync(EvalRunInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await temporal.StartWorkflowAsync(
                (EvalRunWorkflow w) => w.RunAsync(input),
                new WorkflowOptions(WorkflowId(input.RunId), options.Value.TaskQueue)
                {
                    IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                    IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                    Rpc = new RpcOptions { CancellationToken = cancellationToken },
                });
        }
        catch (WorkflowAlreadyStartedException)
        {
            // Finished already: the run is what it is.
        }
    }

    public async Task CancelAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await temporal.GetWorkflowHandle(WorkflowId(runId)).CancelAsync(new WorkflowCancelOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException exception) when (exception.Code is RpcException.StatusCode.NotFound or RpcException.StatusCode.FailedPrecondition)
        {
            // Already closed: the stored state says how it ended.
        }
    }
}
