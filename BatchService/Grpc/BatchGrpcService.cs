using Agentic.Batch.V1;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Agentic.BatchService.Grpc;

/// <summary>The gRPC face of the batch service; the work happens in the job workflows.</summary>
internal sealed class BatchGrpcService(BatchJobClient jobs, ModelCheck modelCheck, IOptions<BatchOptions> options) : Batch.V1.BatchService.BatchServiceBase
{
    public override async Task<StartBatchResponse> StartBatch(StartBatchRequest request, ServerCallContext context)
    {
        var input = StartBatchValidator.Validate(request, options.Value);
        var cancellationToken = context.CancellationToken;
        await ParquetInputCheck.RequireAsync(input, cancellationToken);
        input = BatchCost.Priced(input, await modelCheck.RequireAsync(input.Task, cancellationToken));
        var started = await FindSameJobAsync(input, cancellationToken) is null
            && await ClaimAndStartAsync(input, cancellationToken);
        return new StartBatchResponse
        {
            JobId = input.JobId,
            AlreadyExisted = !started,
            WorkflowId = BatchJobClient.WorkflowId(input.JobId),
        };
    }

    public override async Task<BatchStatus> GetBatch(GetBatchRequest request, ServerCallContext context) =>
        BatchStatusMapper.ToStatus(await GetProgressAsync(request.JobId, context.CancellationToken));

    public override async Task WatchBatch(WatchBatchRequest request, IServerStreamWriter<BatchStatus> responseStream, ServerCallContext context)
    {
        BatchStatus? last = null;
        while (true)
        {
            var status = BatchStatusMapper.ToStatus(await GetProgressAsync(request.JobId, context.CancellationToken));
            if (last is not null && !BatchStatusMapper.IsTerminal(status.State) && IsBehind(status, last))
            {
                // A look that found less than the last update (a query that failed transiently) says nothing new.
                status = last;
            }

            if (!status.Equals(last))
            {
                await responseStream.WriteAsync(status, context.CancellationToken);
                last = status;
            }

            if (BatchStatusMapper.IsTerminal(status.State))
            {
                return;
            }

            await Task.Delay(options.Value.WatchInterval, context.CancellationToken);
        }
    }

    public override async Task<CancelBatchResponse> CancelBatch(CancelBatchRequest request, ServerCallContext context)
    {
        RequireJobId(request.JobId);
        if (!await jobs.CancelAsync(request.JobId, request.Reason, context.CancellationToken))
        {
            throw NotFound(request.JobId);
        }

        return new CancelBatchResponse
        {
            Status = BatchStatusMapper.ToStatus(await GetProgressAsync(request.JobId, context.CancellationToken)),
        };
    }

    public override async Task<ListBatchesResponse> ListBatches(ListBatchesRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
        {
            throw StartBatchValidator.Invalid("page_size", "must be between 0 and 1000");
        }

        var (list, complete) = await jobs.ListAsync(request.PageSize == 0 ? 100 : request.PageSize, context.CancellationToken);
        var response = new ListBatchesResponse { Complete = complete };
        response.Batches.AddRange(list.Select(BatchStatusMapper.ToSummary));
        return response;
    }

    /// <summary>
    /// Starts the job after claiming its output folder; false when a job with its id appeared meanwhile (and
    /// was started with the same request: a different one is refused).
    /// </summary>
    private async Task<bool> ClaimAndStartAsync(Workflows.BatchJobInput input, CancellationToken cancellationToken)
    {
        try
        {
            OutputFolderClaim.Claim(input.OutputLocation, input.JobId);
        }
        catch (OutputFolderTakenException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"output_location: {e.Message}"));
        }

        if (await jobs.StartAsync(input, cancellationToken))
        {
            return true;
        }

        await FindSameJobAsync(input, cancellationToken);
        return false;
    }

    /// <summary>The job already started under this id, when there is one with the same request; ALREADY_EXISTS when it differs.</summary>
    private async Task<Workflows.BatchJobInput?> FindSameJobAsync(Workflows.BatchJobInput input, CancellationToken cancellationToken)
    {
        if (await jobs.FindRequestAsync(input.JobId, cancellationToken) is not { } existing)
        {
            return null;
        }

        var differences = BatchRequestDifferences.Between(existing, input);
        if (differences.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"job_id: job '{input.JobId}' already exists with a different request: {string.Join("; ", differences)}"));
        }

        return existing;
    }

    private async Task<Workflows.BatchProgress> GetProgressAsync(string jobId, CancellationToken cancellationToken)
    {
        RequireJobId(jobId);
        return await jobs.GetAsync(jobId, cancellationToken) ?? throw NotFound(jobId);
    }

    private static bool IsBehind(BatchStatus status, BatchStatus last) =>
        status.BatchesCompleted < last.BatchesCompleted
        || status.RowsSucceeded + status.RowsFailed + status.RowsSkipped < last.RowsSucceeded + last.RowsFailed + last.RowsSkipped;

    private static void RequireJobId(string jobId)
    {
        if (string.IsNullOrWhiteSpace(jobId))
        {
            throw StartBatchValidator.Invalid("job_id", "is required");
        }
    }

    private static RpcException NotFound(string jobId) =>
        new(new Status(StatusCode.NotFound, $"job '{jobId}' not found"));
}
