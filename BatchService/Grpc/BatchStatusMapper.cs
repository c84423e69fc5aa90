using Agentic.Batch.V1;
using Agentic.BatchService.Workflows;
using Google.Protobuf.WellKnownTypes;

namespace Agentic.BatchService.Grpc;

/// <summary>Maps workflow progress to the gRPC messages.</summary>
internal static class BatchStatusMapper
{
    public static BatchStatus ToStatus(BatchProgress progress)
    {
        var recorded = progress.Succeeded + progress.Failed + progress.Skipped;
        var status = new BatchStatus
        {
            JobId = progress.JobId,
            State = ToState(progress.Status),
            RowsTotal = progress.RowsTotal,
            RowsSucceeded = progress.Succeeded,
            RowsFailed = progress.Failed,
            RowsSkipped = progress.Skipped,
            RowsPending = Math.Max(0, progress.RowsTotal - recorded),
            PromptTokens = progress.PromptTokens,
            CompletionTokens = progress.CompletionTokens,
            TokensUsed = progress.PromptTokens + progress.CompletionTokens,
            BatchesTotal = progress.PartsTotal,
            BatchesCompleted = progress.PartsCompleted,
            BatchesInFlight = progress.PartsInFlight,
            StartedAt = ToTimestamp(progress.StartedAt),
            OutputLocation = progress.OutputLocation,
            ManifestLocation = progress.ManifestPath ?? string.Empty,
            Message = progress.Message ?? string.Empty,
        };
        if (progress.FinishedAt is { } finished)
        {
            status.FinishedAt = ToTimestamp(finished);
        }

        if (progress.CostUsd is { } cost)
        {
            status.CostUsd = (double)cost;
        }

        if (progress.CostBudget is { } budget)
        {
            status.CostBudgetUsd = (double)budget;
        }

        return status;
    }

    public static BatchSummary ToSummary(BatchProgress progress)
    {
        var summary = new BatchSummary
        {
            JobId = progress.JobId,
            State = ToState(progress.Status),
            StartedAt = ToTimestamp(progress.StartedAt),
        };
        if (progress.FinishedAt is { } finished)
        {
            summary.FinishedAt = ToTimestamp(finished);
        }

        return summary;
    }

    public static bool IsTerminal(BatchState state) =>
        state is BatchState.Completed or BatchState.Cancelled or BatchState.BudgetExhausted or BatchState.Failed;

    public static BatchState ToState(BatchJobStatus status) => status switch
    {
        BatchJobStatus.Planning => BatchState.Planning,
        BatchJobStatus.Running => BatchState.Running,
        BatchJobStatus.Completed => BatchState.Completed,
        BatchJobStatus.Cancelled => BatchState.Cancelled,
        BatchJobStatus.BudgetExhausted => BatchState.BudgetExhausted,
        BatchJobStatus.Failed => BatchState.Failed,
        _ => BatchState.Unspecified,
    };

    private static Timestamp ToTimestamp(DateTime time) =>
        Timestamp.FromDateTime(time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc));
}
