using System.Collections.Concurrent;
using Temporalio.Activities;

namespace Agentic.Emulator.Tests.ServerParity;

/// <summary>The first call heartbeats until it is cancelled and records why; later calls finish at once.</summary>
public class PausableActivities
{
    private int _attempts;

    public int Attempts => _attempts;

    public ConcurrentQueue<ActivityCancelReason> CancelReasons { get; } = new();

    [Activity]
    public async Task<PausableOutput> WorkAsync(PausableInput input)
    {
        var context = ActivityExecutionContext.Current;
        if (Interlocked.Increment(ref _attempts) == 1)
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
