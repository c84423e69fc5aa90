using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>The original code, before the change.</summary>
[Workflow("PatchWorkflow")]
public class PatchWorkflowV1
{
    private bool _released;

    [WorkflowRun]
    public async Task<PatchOutput> RunAsync(PatchInput input)
    {
        await Workflow.WaitConditionAsync(() => _released);
        return new PatchOutput("old");
    }

    [WorkflowSignal("Release")]
    public Task ReleaseAsync(PatchReleaseSignal signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
