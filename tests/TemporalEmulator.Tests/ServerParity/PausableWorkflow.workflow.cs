using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.ServerParity;

[Workflow]
public class PausableWorkflow
{
    [WorkflowRun]
    public Task<PausableOutput> RunAsync(PausableInput input) => Workflow.ExecuteActivityAsync(
        (PausableActivities a) => a.WorkAsync(input),
        new ActivityOptions
        {
            ActivityId = "pausable",
            StartToCloseTimeout = TimeSpan.FromSeconds(60),
            HeartbeatTimeout = TimeSpan.FromSeconds(10),
            RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100) },
        });
}
