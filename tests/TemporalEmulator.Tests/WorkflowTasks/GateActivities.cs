using Temporalio.Activities;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>A local activity that holds its workflow task open until the test opens the gate.</summary>
public class GateActivities
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Open() => _gate.TrySetResult();

    [Activity]
    public async Task<StepOutput> WaitAtGateAsync(StepInput input)
    {
        _entered.TrySetResult();
        await _gate.Task.WaitAsync(ActivityExecutionContext.Current.CancellationToken);
        return new StepOutput(input.Name, "gate");
    }
}
