using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>Records markers: a local activity result and a patch.</summary>
[Workflow]
public class MarkerWorkflow
{
    [WorkflowRun]
    public async Task<CommandOutput> RunAsync(CommandInput input)
    {
        var local = await Workflow.ExecuteLocalActivityAsync(
            (CommandActivities a) => a.ShoutAsync(input),
            new LocalActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
        var patched = Workflow.Patched("marker-patch");
        return new CommandOutput($"{local.Text}:{patched}");
    }
}
