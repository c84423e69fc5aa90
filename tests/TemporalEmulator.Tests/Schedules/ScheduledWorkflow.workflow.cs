using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Schedules;

[Workflow]
public class ScheduledWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<ScheduledOutput> RunAsync(ScheduledInput input)
    {
        var previous = Workflow.Info.LastResult is { Count: > 0 } last
            ? (ScheduledOutput?)Workflow.PayloadConverter.ToValue(last.First().Payload, typeof(ScheduledOutput))
            : null;
        switch (input.Mode)
        {
            case "fail":
                throw new ApplicationFailureException("scheduled run fails", "ScheduledFailure");
            case "hold":
                await Workflow.WaitConditionAsync(() => _released);
                break;
        }

        return new ScheduledOutput(Workflow.Info.WorkflowId, Workflow.UtcNow, previous?.WorkflowId);
    }

    [WorkflowSignal]
    public Task ReleaseAsync(ReleaseScheduled signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
