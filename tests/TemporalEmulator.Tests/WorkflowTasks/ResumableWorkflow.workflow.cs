using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

[Workflow]
public class ResumableWorkflow
{
    private static readonly ActivityOptions StepOptions = new() { StartToCloseTimeout = TimeSpan.FromSeconds(10) };
    private readonly List<string> _items = [];

    [WorkflowRun]
    public async Task<ResumableOutput> RunAsync(ResumableInput input)
    {
        var before = await Workflow.ExecuteActivityAsync((StepActivities a) => a.StepAsync(new StepInput("before")), StepOptions);
        await Workflow.WaitConditionAsync(() => _items.Count >= input.ExpectedItems);
        var after = await Workflow.ExecuteActivityAsync((StepActivities a) => a.StepAsync(new StepInput("after")), StepOptions);
        return new ResumableOutput(before, _items, after);
    }

    [WorkflowSignal]
    public Task AddItemAsync(AddItemSignal signal)
    {
        _items.Add(signal.Item);
        return Task.CompletedTask;
    }
}
