using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.TimeSkipping;

[Workflow]
public class CronWorkflow
{
    [WorkflowRun]
    public Task<CronOutput> RunAsync()
    {
        // Each cron run sees the previous run's result.
        var previous = Workflow.Info.LastResult is { Count: > 0 } last
            ? (CronOutput?)Workflow.PayloadConverter.ToValue(last.First().Payload, typeof(CronOutput))
            : null;
        return Task.FromResult(new CronOutput(Workflow.UtcNow, (previous?.Run ?? 0) + 1));
    }
}
