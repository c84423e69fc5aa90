using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

[Workflow]
public class TracedWorkflow
{
    [WorkflowRun]
    public Task<TracedResult> RunAsync(TracedInput input) =>
        Workflow.ExecuteActivityAsync(
            () => TracedActivities.Echo(input),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}
