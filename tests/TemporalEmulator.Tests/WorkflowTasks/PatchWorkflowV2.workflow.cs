using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>The change guarded by a patch: runs started before it keep the old path.</summary>
[Workflow("PatchWorkflow")]
public class PatchWorkflowV2
{
    private bool _released;

    [WorkflowRun]
    public async Task<PatchOutput> RunAsync(PatchInput input)
    {
        var patched = Workflow.Patched("new-path");
        await Workflow.WaitConditionAsync(() => _released);
        return new PatchOutput(patched ? "new" : "old");
    }

    [WorkflowSignal("Release")]
    public Task ReleaseAsync(PatchReleaseSignal signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
