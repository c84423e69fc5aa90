using Microsoft.Extensions.Logging;
using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

[Workflow]
public class LoggedWorkflow
{
    public const string WorkflowLine = "workflow line";

    [WorkflowRun]
    public async Task<LoggedResult> RunAsync(LoggedInput input)
    {
#pragma warning disable CA1848, CA2254 // A plain log call, as a workflow author writes it.
        Workflow.Logger.LogInformation(WorkflowLine);
#pragma warning restore CA1848, CA2254
        return await Workflow.ExecuteActivityAsync(
            (LoggedActivities activities) => activities.NoteAsync(input),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
    }
}
