namespace Agentic.Emulator.Time;

/// <summary>A callback due at a virtual instant; cancelled timers stay in the heap and are skipped when due.</summary>
internal sealed class ScheduledTimer(DateTime due, Action callback)
{
    private volatile bool _cancelled;

    public DateTime Due { get; } = due;

    public bool IsCancelled => _cancelled;

    public void Cancel() => _cancelled = true;

    public void Fire()
    {
        if (!_cancelled)
        {
            callback();
        }
    }
}
