using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Persistence;

/// <summary>
/// One run per round, each waiting for a signal before it continues as new; the last round waits for a child that
/// waits for a signal of its own. Effects that cross runs (a continue-as-new, a child's completion reaching its
/// parent) can so be made to straddle a restart.
/// </summary>
[Workflow]
public class DurableChainWorkflow
{
    private bool _next;

    [WorkflowRun]
    public async Task<DurableChainOutput> RunAsync(DurableChainInput input)
    {
        await Workflow.WaitConditionAsync(() => _next);
        if (input.Round < input.Rounds)
        {
            var next = input with { Round = input.Round + 1 };
            throw Workflow.CreateContinueAsNewException((DurableChainWorkflow wf) => wf.RunAsync(next));
        }

        var child = await Workflow.ExecuteChildWorkflowAsync(
            (DurableGateWorkflow wf) => wf.RunAsync(new DurableStep($"round {input.Round}")), new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}-gate" });
        return new DurableChainOutput(input.Round, child.Text);
    }

    [WorkflowSignal]
    public Task NextAsync(DurableApproval approval)
    {
        _next = true;
        return Task.CompletedTask;
    }
}
