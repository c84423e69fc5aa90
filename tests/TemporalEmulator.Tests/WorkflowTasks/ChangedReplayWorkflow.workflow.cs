using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>ReplayWorkflow with its first command changed (a timer where the activity was): not deterministic.</summary>
[Workflow("ReplayWorkflow")]
public class ChangedReplayWorkflow
{
    private string? _signal;

    [WorkflowRun]
    public async Task<ReplayOutput> RunAsync(ReplayInput input)
    {
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(100));
        await Workflow.WaitConditionAsync(() => _signal is not null);
        return new ReplayOutput(input.Name, _signal!);
    }

    [WorkflowSignal("Add")]
    public Task AddAsync(AddItemSignal signal)
    {
        _signal = signal.Item;
        return Task.CompletedTask;
    }
}
