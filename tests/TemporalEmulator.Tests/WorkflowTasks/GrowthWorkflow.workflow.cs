using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>Grows its history with batches of short timers until the server suggests continue-as-new.</summary>
[Workflow]
public class GrowthWorkflow
{
    [WorkflowRun]
    public async Task<GrowthOutput> RunAsync(GrowthInput input)
    {
        var batches = 0;
        while (!Workflow.ContinueAsNewSuggested && batches < 50)
        {
            await Workflow.WhenAllAsync(Enumerable.Range(0, input.TimersPerBatch).Select(_ => Workflow.DelayAsync(TimeSpan.FromMilliseconds(1))));
            batches++;
        }

        return new GrowthOutput(batches, Workflow.CurrentHistoryLength, Workflow.CurrentHistorySize);
    }
}
