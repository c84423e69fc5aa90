using Agentic.BatchService.Options;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Grpc;

/// <summary>Shadow comparison workflows as seen from outside: start, find the request, read progress.</summary>
public sealed class ShadowJobClient(ITemporalClient client, IOptions<BatchOptions> options)
{
    private const string WorkflowIdPrefix = "shadow-";

    public static string WorkflowId(string jobId) => WorkflowIdPrefix + jobId;

    /// <summary>
    /// The job id of a comparison's workflow or of its children (<c>shadow-{job}/jury</c>, <c>shadow-{job}/jury-N</c>);
    /// job ids have no '/'. Null for other workflows.
    /// </summary>
    public static string? JobIdOf(string workflowId)
    {
        ArgumentNullException.ThrowIfNull(workflowId);
        if (!workflowId.StartsWith(WorkflowIdPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var child = workflowId.IndexOf('/', StringComparison.Ordinal);
        return workflowId[WorkflowIdPrefix.Length..(child < 0 ? workflowId.Length : child)];
    }

    /// <summary>Starts the comparison; false when one with this id was already started (running or not).</summary>
    public async Task<bool> StartAsync(ShadowComparisonInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await client.StartWorkflowAsync(
                (ShadowComparisonWorkflow workflow) => workflow.RunAsync(input),
                new WorkflowOptions(WorkflowId(input.JobId), options.Value.TaskQueue)
                {
                    IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                    Rpc = new RpcOptions { CancellationToken = cancellationToken },
                });
            return true;
        }
        catch (WorkflowAlreadyStartedException)
        {
            return false;
        }
    }

    /// <summary>The request the comparison was started with, or null when there is none.</summary>
    public async Task<ShadowComparisonInput?> FindRequestAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var historyEvent in client.GetWorkflowHandle(WorkflowId(jobId)).FetchHistoryEventsAsync(
                new WorkflowHistoryEventFetchOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } }))
            {
                return historyEvent.WorkflowExecutionStartedEventAttributes is { } started
                    ? (await client.Options.DataConverter.ToSingleValueAsync<ShadowComparisonInput>(started.Input.Payloads_)) with { Carry = null }
                    : null;
            }

            return null;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Progress of the comparison, or null when there is none.</summary>
    public Task<ShadowProgress?> GetAsync(string jobId, CancellationToken cancellationToken) =>
        new WorkflowProgressReader<ShadowComparisonWorkflow, ShadowProgress>(
            workflow => workflow.GetProgress(),
            (status, started, finished, message) => Minimal(jobId, status, started, finished, message))
            .ReadAsync(client.GetWorkflowHandle<ShadowComparisonWorkflow>(WorkflowId(jobId)), cancellationToken);

    private static ShadowProgress Minimal(string jobId, BatchJobStatus status, DateTime startedAt, DateTime? finishedAt, string? message) =>
        new(jobId, status, null, ShadowTally.Empty, 0, new ShadowThresholds(0, 1, null), startedAt, finishedAt, null, null, message);
}
