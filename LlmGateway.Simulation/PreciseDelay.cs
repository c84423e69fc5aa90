using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// The simulated provider's latency, to within a fraction of a millisecond. <see cref="Task.Delay(TimeSpan)"/>
/// is not good enough here: .NET's timer queue keeps due times on the coarse monotonic clock, which on Linux moves
/// in scheduler ticks (4 ms at HZ=250), so a 1 ms delay took 3–4 ms and every delay ended on a tick. Closed-loop
/// callers then lock on to the tick grid, and part of whatever a caller's path costs before the provider is
/// hidden by a shorter wait: a benchmark comparing two paths to the provider measured the grid, not the paths.
/// One background thread keeps the due times on <see cref="Stopwatch"/> (the precise monotonic clock), waits on
/// a monitor until about a millisecond before the next one and sleeps the rest precisely.
/// </summary>
public sealed partial class PreciseDelay : IDisposable
{
    // Below this the thread stops waiting on the monitor (whole milliseconds, may return early) and sleeps precisely.
    private static readonly long FinalSleepTicks = Stopwatch.Frequency * 2 / 1000;

    private readonly object _gate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _due = new();
    private readonly Thread _thread;
    private bool _disposed;

    public PreciseDelay()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Simulated provider latency" };
        _thread.Start();
    }

    /// <summary>Completes after <paramref name="delay"/> (never before), or is cancelled with <paramref name="cancellationToken"/>.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var due = Stopwatch.GetTimestamp() + (long)Math.Ceiling(delay.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _due.Enqueue(waiter, due);
            if (_due.TryPeek(out var first, out _) && first == waiter)
            {
                Monitor.PulseAll(_gate);
            }
        }

        // A cancelled waiter stays queued until its time and is then completed in vain; nothing else holds it.
        return cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        var ready = new List<TaskCompletionSource>();
        while (true)
        {
            long wait;
            lock (_gate)
            {
                while (true)
                {
                    if (_disposed)
                    {
                        while (_due.TryDequeue(out var left, out _))
                        {
                            left.TrySetCanceled();
                        }

                        return;
                    }

                    var now = Stopwatch.GetTimestamp();
                    while (_due.TryPeek(out var waiter, out var due) && due <= now)
                    {
                        _due.Dequeue();
                        ready.Add(waiter);
                    }

                    if (ready.Count > 0)
                    {
                        wait = 0;
                        break;
                    }

                    if (!_due.TryPeek(out _, out var next))
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    wait = next - now;
                    if (wait <= FinalSleepTicks)
                    {
                        break;
                    }

                    // Whole milliseconds (rounded up: a zero wait would spin), returning early when an earlier delay
                    // arrives; the final sleep's margin absorbs the rounding.
                    Monitor.Wait(_gate, (int)Math.Ceiling((wait - FinalSleepTicks) * 1000.0 / Stopwatch.Frequency));
                }
            }

            foreach (var waiter in ready)
            {
                waiter.TrySetResult();
            }

            ready.Clear();
            if (wait > 0)
            {
                SleepPrecisely(wait);
            }
        }
    }

    private static void SleepPrecisely(long ticks)
    {
        var nanoseconds = (long)(ticks * (1e9 / Stopwatch.Frequency));
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            // Interrupted by a signal: the loop re-reads the clock and sleeps what is left.
            _ = NanoSleep(in request, IntPtr.Zero);
        }
        else
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100)));
        }
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
