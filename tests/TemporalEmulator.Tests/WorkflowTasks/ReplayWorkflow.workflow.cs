using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>An activity, a timer and a signal: a history with several command kinds to replay.</summary>
[Workflow]
public class ReplayWorkflow
{
    private string? _signal;

    [WorkflowRun]
    public async Task<ReplayOutput> RunAsync(ReplayInput input)
    {
        var step = await Workflow.ExecuteActivityAsync(
            (StepActivities a) => a.StepAsync(new StepInput(input.Name)),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(100));
        await Workflow.WaitConditionAsync(() => _signal is not null);
        return new ReplayOutput(step.Name, _signal!);
    }

    [WorkflowSignal("Add")]
    public Task AddAsync(AddItemSignal signal)
    {
        _signal = signal.Item;
        return Task.CompletedTask;
    }
}
