namespace Agentic.Emulator.Executions;

/// <summary>
/// Closed runs due for removal, earliest first: a run closed longer ago than its namespace's retention period
/// (<c>workflow_execution_retention_ttl</c>, one day unless registered otherwise) is forgotten, as the server deletes
/// it. Measured in emulator time, so time skipping ages runs too. Due runs are taken on the next read or start rather
/// than by a timer: a timer would make time skipping jump a day ahead whenever the emulator idles.
/// </summary>
internal sealed class ClosedRunRetention
{
    private readonly Lock _sync = new();
    private readonly PriorityQueue<WorkflowRun, DateTime> _due = new();
    private long _earliestTicks = DateTime.MaxValue.Ticks;

    public void Closed(WorkflowRun run, DateTime closedAt, TimeSpan retention)
    {
        var due = retention >= DateTime.MaxValue - closedAt ? DateTime.MaxValue : closedAt + retention;
        lock (_sync)
        {
            _due.Enqueue(run, due);
            Volatile.Write(ref _earliestTicks, _due.TryPeek(out _, out var head) ? head.Ticks : DateTime.MaxValue.Ticks);
        }
    }

    /// <summary>Takes the runs due by <paramref name="now"/>; cheap when none is (one comparison, no lock).</summary>
    public List<WorkflowRun>? TakeDue(DateTime now)
    {
        if (now.Ticks < Volatile.Read(ref _earliestTicks))
        {
            return null;
        }

        List<WorkflowRun>? due = null;
        lock (_sync)
        {
            while (_due.TryPeek(out var run, out var at) && at <= now)
            {
                _due.Dequeue();
                (due ??= []).Add(run);
            }

            Volatile.Write(ref _earliestTicks, _due.TryPeek(out _, out var head) ? head.Ticks : DateTime.MaxValue.Ticks);
        }

        return due;
    }
}
