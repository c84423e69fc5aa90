using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

/// <summary>Continues as new the given number of times, then calls the activity from the last run.</summary>
[Workflow]
public class TracedChainWorkflow
{
    [WorkflowRun]
    public Task<TracedResult> RunAsync(TracedChainInput input)
    {
        if (input.ContinueTimes > 0)
        {
            var next = input with { ContinueTimes = input.ContinueTimes - 1 };
            throw Workflow.CreateContinueAsNewException((TracedChainWorkflow workflow) => workflow.RunAsync(next));
        }

        return Workflow.ExecuteActivityAsync(
            () => TracedActivities.Echo(new TracedInput(input.Text)),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
    }
}
