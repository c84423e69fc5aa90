using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

[Workflow]
public class OutcomeWorkflow
{
    [WorkflowRun]
    public async Task<CommandOutput> RunAsync(OutcomeInput input)
    {
        switch (input.Outcome)
        {
            case "fail":
                throw new ApplicationFailureException("it broke", errorType: "Broken", nonRetryable: true, details: [new OutcomeDetails("bad input", 7)]);
            case "wait":
                await Workflow.WaitConditionAsync(() => false);
                break;
            case "cleanup":
                try
                {
                    await Workflow.WaitConditionAsync(() => false);
                }
                catch (TaskCanceledException)
                {
                    // Cancellation is a request: the workflow may clean up and finish normally.
                    using var detached = new CancellationTokenSource();
                    await Workflow.ExecuteActivityAsync(
                        (CommandActivities a) => a.ShoutAsync(new CommandInput("cleaned up")),
                        new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10), CancellationToken = detached.Token });
                    return new CommandOutput("cleaned up");
                }

                break;
            default:
                break;
        }

        return new CommandOutput("done");
    }
}
