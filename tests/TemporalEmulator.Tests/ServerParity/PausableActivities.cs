using System.Collections.Concurrent;
using Temporalio.Activities;

namespace Agentic.Emulator.Tests.ServerParity;

/// <summary>The first attempt heartbeats until it is cancelled and records why; later attempts finish at once.</summary>
public class PausableActivities
{
    private int _attempts;

    public int Attempts => _attempts;

    public ConcurrentQueue<ActivityCancelReason> CancelReasons { get; } = new();

    [Activity]
    public async Task<PausableOutput> WorkAsync(PausableInput input)
    {
        Interlocked.Increment(ref _attempts);
        var context = ActivityExecutionContext.Current;
        if (context.Info.Attempt == 1)
        {
            try
            {
                while (true)
                {
                    context.Heartbeat();
                    await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                CancelReasons.Enqueue(context.CancelReason);
                throw;
            }
        }

        return new PausableOutput(input.Name, context.Info.Attempt);
    }
}
