using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Persistence;

[Workflow]
public class DurableChildWorkflow
{
    [WorkflowRun]
    public async Task<DurableStepResult> RunAsync(DurableStep step)
    {
        await Workflow.DelayAsync(TimeSpan.FromSeconds(2));
        return new DurableStepResult($"child {step.Name}", Workflow.Info.Attempt);
    }
}
