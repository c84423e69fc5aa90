using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>Completes right after a local activity; a signal that arrives meanwhile must not be lost.</summary>
[Workflow]
public class GatedWorkflow
{
    private readonly List<string> _signals = [];

    [WorkflowRun]
    public async Task<GatedOutput> RunAsync(StepInput input)
    {
        await Workflow.ExecuteLocalActivityAsync(
            (GateActivities a) => a.WaitAtGateAsync(input),
            new LocalActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
        return new GatedOutput(_signals);
    }

    [WorkflowSignal]
    public Task NoteAsync(AddItemSignal signal)
    {
        _signals.Add(signal.Item);
        return Task.CompletedTask;
    }
}
