using Agentic.BatchService.Workflows;
using Temporalio.Activities;

namespace Agentic.BatchService.Activities;

/// <summary>The batch service's activities: thin Temporal adapters over the planner, processor and manifest.</summary>
public class BatchActivities(BatchPlanner planner, PartProcessor processor, FailedPartWriter failedParts, ManifestWriter manifests)
{
    [Activity]
    public Task<BatchPlan> PlanAsync(PlanBatchInput input)
    {
        var context = ActivityExecutionContext.Current;
        return planner.PlanAsync(input, () => context.Heartbeat(), context.CancellationToken);
    }

    /// <summary>The part activity of parts started before structured output (kept while their histories may replay).</summary>
    [Activity]
    public Task<BatchPartResult> ProcessPartAsync(BatchPartInput input) => ProcessAsync(input);

    /// <summary>The part activity from structured output on; it validates structured rows against their schema.</summary>
    [Activity]
    public Task<BatchPartResult> ProcessPartV2Async(BatchPartInput input) => ProcessAsync(input);

    [Activity]
    public Task<BatchPartResult> WriteFailedPartAsync(WriteFailedPartInput input)
    {
        var context = ActivityExecutionContext.Current;
        return failedParts.WriteAsync(input, context.Info.Attempt, context.CancellationToken);
    }

    [Activity]
    public Task<WriteManifestResult> WriteManifestAsync(WriteManifestInput input) =>
        manifests.WriteAsync(input, ActivityExecutionContext.Current.CancellationToken);

    private async Task<BatchPartResult> ProcessAsync(BatchPartInput input)
    {
        var context = ActivityExecutionContext.Current;
        var checkpoint = context.Info.HeartbeatDetails.Count > 0
            ? await context.Info.HeartbeatDetailAtAsync<PartCheckpoint>(0)
            : null;
        return await processor.ProcessAsync(
            input, context.Info.Attempt, checkpoint, details => context.Heartbeat(details), context.CancellationToken);
    }
}
