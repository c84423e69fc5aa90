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

    [Activity]
    public async Task<BatchPartResult> ProcessPartAsync(BatchPartInput input)
    {
        var context = ActivityExecutionContext.Current;
        var checkpoint = context.Info.HeartbeatDetails.Count > 0
            ? await context.Info.HeartbeatDetailAtAsync<PartCheckpoint>(0)
            : null;
        return await processor.ProcessAsync(
            input, context.Info.Attempt, checkpoint, details => context.Heartbeat(details), context.CancellationToken);
    }

    [Activity]
    public Task<BatchPartResult> WriteFailedPartAsync(WriteFailedPartInput input)
    {
        var context = ActivityExecutionContext.Current;
        return failedParts.WriteAsync(input, context.Info.Attempt, context.CancellationToken);
    }

    [Activity]
    public Task<WriteManifestResult> WriteManifestAsync(WriteManifestInput input) =>
        manifests.WriteAsync(input, ActivityExecutionContext.Current.CancellationToken);
}
