using Temporalio.Activities;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>Reports which worker ran the step, so a test can see the work move between workers.</summary>
public class StepActivities(string workerName)
{
    [Activity]
    public Task<StepOutput> StepAsync(StepInput input) => Task.FromResult(new StepOutput(input.Name, workerName));
}
