using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>A local activity longer than the workflow task timeout: the worker keeps the task alive by heartbeating it.</summary>
[Workflow]
public class SlowLocalActivityWorkflow
{
    [WorkflowRun]
    public Task<CommandOutput> RunAsync(SlowInput input) => Workflow.ExecuteLocalActivityAsync(
        (CommandActivities a) => a.SlowAsync(input),
        new LocalActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}
