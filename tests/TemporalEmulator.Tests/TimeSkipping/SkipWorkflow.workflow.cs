using Temporalio.Common;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.TimeSkipping;

[Workflow]
public class SkipWorkflow
{
    [WorkflowRun]
    public async Task<SkipOutput> RunAsync(SkipInput input)
    {
        var before = Workflow.UtcNow;
        var winner = "timer";
        switch (input.Mode)
        {
            case "timer":
                await Workflow.DelayAsync(input.Wait);
                break;
            case "retry":
                winner = await Workflow.ExecuteActivityAsync(
                    (SkipActivities a) => a.WorkAsync(new SkipActivityInput(1, TimeSpan.Zero)),
                    new ActivityOptions
                    {
                        StartToCloseTimeout = TimeSpan.FromSeconds(30),
                        RetryPolicy = new RetryPolicy { InitialInterval = input.Wait, MaximumAttempts = 3 },
                    });
                break;
            case "race":
                var timer = Workflow.DelayAsync(input.Wait);
                var activity = Workflow.ExecuteActivityAsync(
                    (SkipActivities a) => a.WorkAsync(new SkipActivityInput(0, TimeSpan.FromMilliseconds(700))),
                    new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
                var first = await Workflow.WhenAnyAsync(timer, activity);
                winner = first == activity ? "activity" : "timer";
                break;
            default:
                break;
        }

        return new SkipOutput(before, Workflow.UtcNow, winner);
    }
}
