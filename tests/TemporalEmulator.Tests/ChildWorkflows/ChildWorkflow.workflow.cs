using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.ChildWorkflows;

[Workflow]
public class ChildWorkflow
{
    private int? _finish;

    [WorkflowRun]
    public async Task<ChildOutput> RunAsync(ChildInput input)
    {
        switch (input.Mode)
        {
            case "fail":
                throw new ApplicationFailureException($"child {input.Number} failed", "ChildBroke");
            case "wait":
                await Workflow.WaitConditionAsync(() => _finish is not null);
                return new ChildOutput(_finish!.Value, Workflow.Info.Parent?.WorkflowId);
            default:
                return new ChildOutput(input.Number * 2, Workflow.Info.Parent?.WorkflowId);
        }
    }

    [WorkflowSignal]
    public Task FinishAsync(FinishSignal signal)
    {
        _finish = signal.Value;
        return Task.CompletedTask;
    }
}
