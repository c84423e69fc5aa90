using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.ServerParity;

/// <summary>Gives every command it issues a summary: a timer, an activity, a local activity and a child.</summary>
[Workflow]
public class MetadataWorkflow
{
    [WorkflowRun]
    public async Task<MetadataOutput> RunAsync(MetadataInput input)
    {
        await Workflow.DelayWithOptionsAsync(new DelayOptions(TimeSpan.FromMilliseconds(10), "timer summary"));
        await Workflow.ExecuteActivityAsync(
            (MetadataActivities a) => a.EchoAsync(input),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30), Summary = "activity summary" });
        await Workflow.ExecuteLocalActivityAsync(
            (MetadataActivities a) => a.EchoAsync(input),
            new LocalActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30), Summary = "local activity summary" });
        if (input.StartChild)
        {
            await Workflow.ExecuteChildWorkflowAsync(
                (MetadataWorkflow wf) => wf.RunAsync(new MetadataInput(input.Text, false)),
                new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}-child", StaticSummary = "child summary", StaticDetails = "child details" });
        }

        return new MetadataOutput(input.Text);
    }
}
