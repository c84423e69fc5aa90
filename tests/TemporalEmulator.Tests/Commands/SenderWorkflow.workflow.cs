using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>Signals or cancels another workflow by id.</summary>
[Workflow]
public class SenderWorkflow
{
    [WorkflowRun]
    public async Task<CommandOutput> RunAsync(ExternalTarget target)
    {
        var handle = Workflow.GetExternalWorkflowHandle<ReceiverWorkflow>(target.WorkflowId);
        if (target.Action == "cancel")
        {
            await handle.CancelAsync();
        }
        else
        {
            await handle.SignalAsync(wf => wf.ReceiveAsync(new ExternalSignal($"hello from {Workflow.Info.WorkflowId}")));
        }

        return new CommandOutput("sent");
    }
}
