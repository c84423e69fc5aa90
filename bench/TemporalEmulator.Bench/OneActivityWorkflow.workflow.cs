using Temporalio.Workflows;

namespace Agentic.TemporalEmulator.Bench;

/// <summary>The unit of work being measured: one workflow, one activity.</summary>
[Workflow]
public sealed class OneActivityWorkflow
{
    [WorkflowRun]
    public Task<EchoOutput> RunAsync(EchoInput input) => Workflow.ExecuteActivityAsync(
        () => EchoActivities.Echo(input),
        new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}
