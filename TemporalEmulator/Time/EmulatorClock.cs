namespace Agentic.Emulator.Time;

/// <summary>
/// The emulator's single source of time and timers. Virtual time is real time plus an offset; time
/// skipping only ever grows the offset, so switching modes is a matter of whether the offset moves.
/// One thread drains a heap of timers in due order.
/// </summary>
internal sealed class EmulatorClock : IDisposable
{
    private static readonly TimeSpan SkipCheckInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly TimeProvider _real;
    private readonly ILogger _logger;
    private readonly PriorityQueue<ScheduledTimer, DateTime> _timers = new();
    private readonly object _sync = new(); // Monitor.Wait needs a monitor, not a System.Threading.Lock
    private readonly Thread _thread;
    private long _offsetTicks;
    private int _skipLocks;
    private bool _stopped;

    public EmulatorClock(TimeProvider real, bool timeSkipping, ILogger logger)
    {
        _real = real;
        _logger = logger;
        TimeSkipping = timeSkipping;
        _thread = new Thread(Run) { IsBackground = true, Name = "temporal-emulator-timers" };
        _thread.Start();
    }

    public bool TimeSkipping { get; }

    /// <summary>Answers whether any workflow or activity task is outstanding; set once the store exists.</summary>
    public Func<bool> IsIdle { get; set; } = () => true;

    public DateTime UtcNow => _real.GetUtcNow().UtcDateTime.AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>How far time skipping has moved virtual time ahead of real time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Told the new offset after each skip (on the timer thread), e.g. to keep it in the database file.</summary>
    public Action<TimeSpan>? OffsetAdvanced { get; set; }

    /// <summary>Continues from an offset kept by an earlier process, so virtual time never runs backwards across a restart.</summary>
    public void RestoreOffset(TimeSpan offset)
    {
        lock (_sync)
        {
            if (offset.Ticks > Interlocked.Read(ref _offsetTicks))
            {
                Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
                Monitor.PulseAll(_sync);
            }
        }
    }

    public ScheduledTimer Schedule(DateTime due, Action callback)
    {
        var timer = new ScheduledTimer(due, callback);
        lock (_sync)
        {
            var wake = !_timers.TryPeek(out _, out var earliest) || due < earliest;
            _timers.Enqueue(timer, due);
            if (wake)
            {
                Monitor.PulseAll(_sync);
            }
        }

        return timer;
    }

    public ScheduledTimer After(TimeSpan delay, Action callback) => Schedule(UtcNow + delay, callback);

    public void LockSkipping()
    {
        lock (_sync)
        {
            _skipLocks++;
        }
    }

    public void UnlockSkipping()
    {
        lock (_sync)
        {
            _skipLocks = Math.Max(0, _skipLocks - 1);
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Completes when virtual time reaches <paramref name="until"/>.</summary>
    public Task SleepUntilAsync(DateTime until, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = Schedule(until, () => done.TrySetResult());
        cancellationToken.Register(() =>
        {
            timer.Cancel();
            done.TrySetCanceled(cancellationToken);
        });
        return done.Task;
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _stopped = true;
            Monitor.PulseAll(_sync);
        }

        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Run()
    {
        while (true)
        {
            ScheduledTimer? due = null;
            lock (_sync)
            {
                while (due is null)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    while (_timers.TryPeek(out var head, out _) && head.IsCancelled)
                    {
                        _timers.Dequeue();
                    }

                    if (!_timers.TryPeek(out var next, out var at))
                    {
                        Monitor.Wait(_sync);
                        continue;
                    }

                    var now = UtcNow;
                    if (at <= now)
                    {
                        due = _timers.Dequeue();
                        break;
                    }

                    var wait = at - now;
                    if (TimeSkipping && _skipLocks == 0)
                    {
                        if (IsIdle())
                        {
                            var offset = Interlocked.Add(ref _offsetTicks, (at - now).Ticks);
                            OffsetAdvanced?.Invoke(TimeSpan.FromTicks(offset));
                            continue;
                        }

                        wait = wait < SkipCheckInterval ? wait : SkipCheckInterval;
                    }

                    // Monitor.Wait takes at most int.MaxValue ms (24.8 days); a later timer is waited for in steps.
                    Monitor.Wait(_sync, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > MaxWait ? MaxWait : wait);
                }
            }

            try
            {
                due.Fire();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Timer callback failed");
            }
        }
    }
}
