using System.Collections.Concurrent;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.WorkflowTasks;

/// <summary>Throws a non-Temporal exception on its first executions: that fails the workflow task, not the workflow.</summary>
[Workflow]
public class FlakyWorkflow
{
    // Keyed by workflow id: tests share the process, and each run counts its own executions.
    private static readonly ConcurrentDictionary<string, int> Executions = new();

    [WorkflowRun]
    public Task<FlakyOutput> RunAsync(FlakyInput input)
    {
        var execution = Executions.AddOrUpdate(Workflow.Info.WorkflowId, 1, (_, n) => n + 1);
        if (execution <= input.Failures)
        {
            throw new InvalidOperationException($"flaky execution {execution}");
        }

        return Task.FromResult(new FlakyOutput(execution));
    }
}
