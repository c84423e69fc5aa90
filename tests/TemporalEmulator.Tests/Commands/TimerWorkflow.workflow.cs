using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>Starts a long timer it cancels and a short one it waits for.</summary>
[Workflow]
public class TimerWorkflow
{
    [WorkflowRun]
    public async Task<TimerOutput> RunAsync(TimerInput input)
    {
        var start = Workflow.UtcNow;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        var longTimer = Workflow.DelayAsync(input.Canceled, cancel.Token);
        await Workflow.DelayAsync(input.Fired);
        // Cancel, not CancelAsync: callbacks must run on the workflow scheduler.
        cancel.Cancel();
        var cancelObserved = false;
        try
        {
            await longTimer;
        }
        catch (TaskCanceledException)
        {
            cancelObserved = true;
        }

        return new TimerOutput(Workflow.UtcNow - start, cancelObserved);
    }
}
