using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>Once no old run is left the patch is deprecated: the marker may or may not be in history.</summary>
[Workflow("PatchWorkflow")]
public class PatchWorkflowV3
{
    private bool _released;

    [WorkflowRun]
    public async Task<PatchOutput> RunAsync(PatchInput input)
    {
        Workflow.DeprecatePatch("new-path");
        await Workflow.WaitConditionAsync(() => _released);
        return new PatchOutput("new");
    }

    [WorkflowSignal("Release")]
    public Task ReleaseAsync(PatchReleaseSignal signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
