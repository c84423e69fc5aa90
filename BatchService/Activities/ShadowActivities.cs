using Agentic.BatchService.Workflows;
using Temporalio.Activities;

namespace Agentic.BatchService.Activities;

/// <summary>The shadow comparison's activities: thin Temporal adapters over the planner, comparer and report writer.</summary>
public class ShadowActivities(ShadowPlanner planner, ShadowChunkComparer comparer, ShadowReportWriter reports, ShadowJuryRecords jury)
{
    [Activity]
    public Task<ShadowPlan> PlanShadowAsync(PlanShadowInput input)
    {
        var context = ActivityExecutionContext.Current;
        // Reading two files is blocking work; off the worker's task threads it cannot starve other activities.
        return Task.Run(() => planner.Plan(input, () => context.Heartbeat(), context.CancellationToken), context.CancellationToken);
    }

    [Activity]
    public Task<ShadowTally> CompareShadowChunkAsync(CompareShadowChunkInput input)
    {
        var context = ActivityExecutionContext.Current;
        return comparer.CompareAsync(input, () => context.Heartbeat(), context.CancellationToken);
    }

    [Activity]
    public Task<ShadowJuryCases> ReadJuryCasesAsync(ReadShadowJuryCasesInput input) =>
        jury.ReadCasesAsync(input, ActivityExecutionContext.Current.CancellationToken);

    [Activity]
    public Task<ShadowTally> ApplyJuryVerdictsAsync(ApplyShadowJuryInput input) =>
        jury.ApplyAsync(input, ActivityExecutionContext.Current.CancellationToken);

    [Activity]
    public Task<ShadowReportResult> WriteShadowReportAsync(WriteShadowReportInput input) =>
        reports.WriteAsync(input, ActivityExecutionContext.Current.CancellationToken);
}
