using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Persistence;

/// <summary>Holds a timer, a child, a running activity, an open update and a wait for a signal all at once.</summary>
[Workflow]
public class DurableWorkflow
{
    private readonly List<string> _notes = [];
    private DurableApproval? _approval;

    [WorkflowRun]
    public async Task<DurableOutput> RunAsync(DurableInput input)
    {
        var step = await Workflow.ExecuteActivityAsync(
            (DurableActivities a) => a.StepAsync(new DurableStep(input.Name)), new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
        var timer = Workflow.DelayAsync(TimeSpan.FromSeconds(3));
        var child = Workflow.ExecuteChildWorkflowAsync(
            (DurableChildWorkflow wf) => wf.RunAsync(new DurableStep(input.Name)), new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}-child" });
        var slow = Workflow.ExecuteActivityAsync(
            (DurableActivities a) => a.SlowStepAsync(new DurableStep(input.Name)),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10), RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100) } });
        await timer;
        var childResult = await child;
        var slowResult = await slow;
        await Workflow.WaitConditionAsync(() => _approval is not null && Workflow.AllHandlersFinished);
        return new DurableOutput(input.Name, step.Text, $"{slowResult.Text} #{slowResult.Attempt}", childResult.Text, [.. _notes], _approval!.By);
    }

    [WorkflowSignal]
    public Task ApproveAsync(DurableApproval approval)
    {
        _approval = approval;
        return Task.CompletedTask;
    }

    /// <summary>Accepted at once, completed only after the approval: it stays open across a restart.</summary>
    [WorkflowUpdate]
    public async Task<DurableNotes> AddNoteAsync(DurableNote note)
    {
        _notes.Add(note.Text);
        await Workflow.WaitConditionAsync(() => _approval is not null);
        return new DurableNotes([.. _notes]);
    }
}
