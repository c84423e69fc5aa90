using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.ServerParity;

/// <summary>Accepts updates that never finish, and completes when released, leaving them open.</summary>
[Workflow]
public class HoldWorkflow
{
    private bool _released;
    private int _held;

    [WorkflowRun]
    public async Task<HoldOutput> RunAsync(HoldInput input)
    {
        await Workflow.WaitConditionAsync(() => _released);
        return new HoldOutput(input.Name, _held);
    }

    [WorkflowUpdate(UnfinishedPolicy = HandlerUnfinishedPolicy.Abandon)]
    public async Task<HoldOutput> HoldAsync(HoldUpdate update)
    {
        _held++;
        await Workflow.WaitConditionAsync(() => false);
        return new HoldOutput(update.Reason, _held);
    }

    [WorkflowSignal]
    public Task ReleaseAsync(HoldRelease release)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
