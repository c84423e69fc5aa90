using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>Continues as new until the chain has the requested number of runs.</summary>
[Workflow]
public class ChainWorkflow
{
    [WorkflowRun]
    public Task<ChainOutput> RunAsync(ChainInput input)
    {
        var runIds = input.RunIds.Append(Workflow.Info.RunId).ToList();
        if (input.Run < input.Runs)
        {
            throw Workflow.CreateContinueAsNewException((ChainWorkflow wf) => wf.RunAsync(new ChainInput(input.Run + 1, input.Runs, runIds)));
        }

        return Task.FromResult(new ChainOutput(input.Run, runIds, Workflow.Info.ContinuedRunId));
    }
}
