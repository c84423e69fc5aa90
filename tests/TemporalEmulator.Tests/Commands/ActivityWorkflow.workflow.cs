using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

[Workflow]
public class ActivityWorkflow
{
    [WorkflowRun]
    public async Task<CommandOutput> RunAsync(CommandInput input)
    {
        var options = new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) };
        var first = await Workflow.ExecuteActivityAsync((CommandActivities a) => a.ShoutAsync(input), options);
        var second = await Workflow.ExecuteActivityAsync((CommandActivities a) => a.ShoutAsync(new CommandInput(first.Text + "!")), options);
        return second;
    }
}
