using System.Collections.Concurrent;
using Agentic.BatchService.Options;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Grpc;

/// <summary>The job workflows as seen from outside: start, read progress, cancel, list.</summary>
public sealed class BatchJobClient(ITemporalClient client, IOptions<BatchOptions> options, ILogger<BatchJobClient> logger)
{
    private const string WorkflowIdPrefix = "batch-";
    private const string PartSuffix = "/part-";

    // Jobs started through this instance: the fallback list when the server has no visibility store.
    private readonly ConcurrentDictionary<string, byte> _startedHere = new(StringComparer.Ordinal);

    public static string WorkflowId(string jobId) => WorkflowIdPrefix + jobId;

    /// <summary>The job a job or part workflow id belongs to, or null for any other workflow.</summary>
    public static string? JobIdOf(string workflowId)
    {
        ArgumentNullException.ThrowIfNull(workflowId);
        if (!workflowId.StartsWith(WorkflowIdPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var part = workflowId.LastIndexOf(PartSuffix, StringComparison.Ordinal);
        return workflowId[WorkflowIdPrefix.Length..(part < 0 ? workflowId.Length : part)];
    }

    /// <summary>Starts the job, or finds the one already started with that id (running or not).</summary>
    public async Task<bool> StartAsync(BatchJobInput input, CancellationToken cancellationToken)
    {
        try
        {
            await client.StartWorkflowAsync(
                (BatchJobWorkflow workflow) => workflow.RunAsync(input),
                new WorkflowOptions(WorkflowId(input.JobId), options.Value.TaskQueue)
                {
                    // The same job id must never run twice, even after the first run has finished.
                    IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                    Rpc = new RpcOptions { CancellationToken = cancellationToken },
                });
            _startedHere.TryAdd(input.JobId, 0);
            return true;
        }
        catch (WorkflowAlreadyStartedException)
        {
            _startedHere.TryAdd(input.JobId, 0);
            return false;
        }
    }

    /// <summary>The request (workflow input) the job was started with, or null when there is no such job.</summary>
    public async Task<BatchJobInput?> FindRequestAsync(string jobId, CancellationToken cancellationToken)
    {
        var handle = client.GetWorkflowHandle(WorkflowId(jobId));
        try
        {
            // The first event of the current run; a continued run carries the same request.
            await foreach (var historyEvent in handle.FetchHistoryEventsAsync(
                new WorkflowHistoryEventFetchOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } }))
            {
                return historyEvent.WorkflowExecutionStartedEventAttributes is { } started
                    ? await client.Options.DataConverter.ToSingleValueAsync<BatchJobInput>(started.Input.Payloads_)
                    : null;
            }

            return null;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Progress of the job, or null when there is no such job.</summary>
    public Task<BatchProgress?> GetAsync(string jobId, CancellationToken cancellationToken) =>
        new WorkflowProgressReader<BatchJobWorkflow, BatchProgress>(
            workflow => workflow.GetProgress(),
            (status, started, finished, message) => Minimal(jobId, status, started, finished, message),
            e => BatchLog.ProgressQueryFailed(logger, e, jobId))
            .ReadAsync(client.GetWorkflowHandle<BatchJobWorkflow>(WorkflowId(jobId)), cancellationToken);

    /// <summary>Asks the job to stop starting batches. Returns false when there is no such job.</summary>
    public async Task<bool> CancelAsync(string jobId, string? reason, CancellationToken cancellationToken)
    {
        var handle = client.GetWorkflowHandle<BatchJobWorkflow>(WorkflowId(jobId));
        try
        {
            var description = await handle.DescribeAsync(new WorkflowDescribeOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            if (description.Status == WorkflowExecutionStatus.Running)
            {
                await handle.SignalAsync(
                    workflow => workflow.CancelAsync(new CancelBatchSignal(reason)),
                    new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            }

            return true;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Lists jobs from Temporal's visibility store. Servers without one (UNIMPLEMENTED) get the jobs this
    /// instance started, flagged as incomplete.
    /// </summary>
    public async Task<(IReadOnlyList<BatchProgress> Jobs, bool Complete)> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var complete = true;
        try
        {
            await foreach (var execution in client.ListWorkflowsAsync(
                $"WorkflowType = '{nameof(BatchJobWorkflow)}'",
                new WorkflowListOptions { Limit = limit * 4, Rpc = new RpcOptions { CancellationToken = cancellationToken } }))
            {
                if (execution.Id.StartsWith(WorkflowIdPrefix, StringComparison.Ordinal) && !ids.Contains(execution.Id))
                {
                    ids.Add(execution.Id);
                }
            }
        }
        catch (RpcException e) when (e.Code is RpcException.StatusCode.Unimplemented or RpcException.StatusCode.InvalidArgument)
        {
            BatchLog.ListUnavailable(logger, e.Code);
            complete = false;
            ids = _startedHere.Keys.Select(WorkflowId).ToList();
        }

        var jobs = new List<BatchProgress>();
        foreach (var id in ids.Take(limit))
        {
            if (await GetAsync(id[WorkflowIdPrefix.Length..], cancellationToken) is { } progress)
            {
                jobs.Add(progress);
            }
        }

        return (jobs, complete);
    }

    private static BatchProgress Minimal(string jobId, BatchJobStatus status, DateTime startedAt, DateTime? finishedAt, string? message) =>
        new(jobId, status, 0, 0, 0, 0, 0, 0, 0, 0, 0, startedAt, finishedAt, string.Empty, null, message);
}
