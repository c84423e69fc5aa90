using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Probe;

/// <summary>
/// Proves a service's worker is registered and polling: every worker service hosts it on its own task
/// queue, and it answers with the service's name through a real activity round trip.
/// </summary>
[Workflow]
public class WorkerProbeWorkflow
{
    [WorkflowRun]
    public Task<WorkerProbeResult> RunAsync(WorkerProbeInput input) =>
        Workflow.ExecuteActivityAsync(
            (WorkerProbeActivities activities) => activities.DescribeWorkerAsync(input),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}
