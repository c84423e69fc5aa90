using System.Linq.Expressions;
using Agentic.BatchService.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Grpc;

/// <summary>
/// Reads the progress of a long-running job workflow (a batch job, a shadow comparison) from outside: the result once
/// it completed, its progress query while it runs, and a minimal status otherwise. Shared so that both kinds of job
/// answer GetX/WatchX the same way.
/// </summary>
/// <param name="Query">The workflow's progress query.</param>
/// <param name="Minimal">Builds the status for a job whose workflow cannot answer: (status, started, finished, message).</param>
/// <param name="QueryFailed">Told about each failed progress query (for logging); may be null.</param>
internal sealed record WorkflowProgressReader<TWorkflow, TProgress>(
    Expression<Func<TWorkflow, TProgress>> Query,
    Func<BatchJobStatus, DateTime, DateTime?, string?, TProgress> Minimal,
    Action<Exception>? QueryFailed = null)
    where TProgress : class
{
    /// <summary>The job's progress, or null when there is no such workflow.</summary>
    public async Task<TProgress?> ReadAsync(WorkflowHandle<TWorkflow> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        // A job can end between the describe and the query; then the second look finds its result.
        for (var look = 0; ; look++)
        {
            WorkflowExecutionDescription description;
            try
            {
                description = await handle.DescribeAsync(new WorkflowDescribeOptions { Rpc = rpc });
            }
            catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
            {
                return null;
            }

            switch (description.Status)
            {
                case WorkflowExecutionStatus.Completed:
                    return await handle.GetResultAsync<TProgress>(rpcOptions: rpc);
                case WorkflowExecutionStatus.Running:
                case WorkflowExecutionStatus.ContinuedAsNew:
                    try
                    {
                        return await handle.QueryAsync(Query, new WorkflowQueryOptions { Rpc = rpc });
                    }
                    catch (Exception e) when (e is WorkflowQueryFailedException or RpcException or InvalidOperationException)
                    {
                        QueryFailed?.Invoke(e);
                        if (look == 0)
                        {
                            continue;
                        }

                        // The first workflow task may not have run yet.
                        return Minimal(BatchJobStatus.Planning, description.StartTime, null, null);
                    }

                case WorkflowExecutionStatus.Canceled:
                    return Minimal(BatchJobStatus.Cancelled, description.StartTime, description.CloseTime, "workflow cancelled");
                default:
                    return Minimal(BatchJobStatus.Failed, description.StartTime, description.CloseTime, $"workflow {description.Status}");
            }
        }
    }
}
