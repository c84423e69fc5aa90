using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

/// <summary>Calls the activity, then waits until an update releases it (started by update-with-start).</summary>
[Workflow]
public class TracedUpdateWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<TracedResult> RunAsync(TracedInput input)
    {
        var result = await Workflow.ExecuteActivityAsync(
            () => TracedActivities.Echo(input),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
        await Workflow.WaitConditionAsync(() => _released);
        return result;
    }

    [WorkflowUpdate]
    public Task<TracedResult> ReleaseAsync(TracedInput input)
    {
        _released = true;
        return Task.FromResult(new TracedResult(input.Text));
    }
}
