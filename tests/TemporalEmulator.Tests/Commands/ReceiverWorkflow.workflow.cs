using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>Waits for a signal from another workflow.</summary>
[Workflow]
public class ReceiverWorkflow
{
    private string? _received;

    [WorkflowRun]
    public async Task<CommandOutput> RunAsync(CommandInput input)
    {
        await Workflow.WaitConditionAsync(() => _received is not null);
        return new CommandOutput(_received!);
    }

    [WorkflowSignal]
    public Task ReceiveAsync(ExternalSignal signal)
    {
        _received = signal.Text;
        return Task.CompletedTask;
    }
}
