using Temporalio.Workflows;

namespace Agentic.TemporalEmulator.Bench;

/// <summary>The smallest scheduled action: one workflow task, then done.</summary>
[Workflow]
public sealed class TickWorkflow
{
    [WorkflowRun]
    public Task<TickOutput> RunAsync(TickInput input) => Task.FromResult(new TickOutput(input.Schedule, Workflow.UtcNow));
}
