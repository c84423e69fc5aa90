using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.TimeSkipping;

[Workflow]
public class CronWorkflow
{
    [WorkflowRun]
    public Task<CronOutput> RunAsync() => Task.FromResult(new CronOutput(Workflow.UtcNow));
}
