using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Visibility;

[Workflow]
public class VisibilityWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<VisibilityOutput> RunAsync(VisibilityInput input)
    {
        if (input.WaitForRelease)
        {
            await Workflow.WaitConditionAsync(() => _released);
        }

        return new VisibilityOutput(Workflow.Info.WorkflowId);
    }

    [WorkflowSignal]
    public Task ReleaseAsync(VisibilityReleaseSignal signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
