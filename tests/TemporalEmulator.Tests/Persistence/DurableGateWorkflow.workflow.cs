using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Persistence;

/// <summary>A child that completes when it is signalled.</summary>
[Workflow]
public class DurableGateWorkflow
{
    private DurableApproval? _approval;

    [WorkflowRun]
    public async Task<DurableStepResult> RunAsync(DurableStep step)
    {
        await Workflow.WaitConditionAsync(() => _approval is not null);
        return new DurableStepResult($"{step.Name} opened by {_approval!.By}", Workflow.Info.Attempt);
    }

    [WorkflowSignal]
    public Task OpenAsync(DurableApproval approval)
    {
        _approval = approval;
        return Task.CompletedTask;
    }
}
