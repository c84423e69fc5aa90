using Agentic.Emulator.Persistence;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

/// <summary>Writing a run through to the store, once per locked change.</summary>
internal sealed partial class WorkflowRun
{
    private bool _stored;
    private int _bufferedVersion;
    private int _storedBufferedVersion;
    private int _storedActivityCount;

    /// <summary>Saves what the change just made under the lock: new events, the buffer, pending activities' attempts.</summary>
    private void Persist(int historyBefore)
    {
        var newEvents = _history.Count > historyBefore ? _history.After(historyBefore) : [];
        IReadOnlyList<HistoryEvent>? buffered = _bufferedVersion != _storedBufferedVersion ? [.. _buffered.Select(b => b.Event)] : null;
        byte[]? activities = null;
        if (_activities.Count > 0 || _storedActivityCount > 0)
        {
            activities = _activities.Count == 0 ? [] : ActivitySnapshot.Write(_activities.Values);
            _storedActivityCount = _activities.Count;
        }

        if (_stored && newEvents.Count == 0 && buffered is null && activities is null)
        {
            return;
        }

        _context.Store!.SaveRun(new RunWrite(RunId, newEvents)
        {
            Identity = _stored ? null : new StoredRunIdentity(Namespace, WorkflowId, StartRequestId, Parent?.Parent.RunId, Parent?.InitiatedEventId ?? 0),
            Buffered = buffered,
            Activities = activities,
        });
        _stored = true;
        _storedBufferedVersion = _bufferedVersion;
    }

    /// <summary>Links a run rebuilt from the store to its parent, which was rebuilt before it.</summary>
    public void RestoreParent(WorkflowRun parent, long initiatedEventId) => Parent = new ParentLink(parent, initiatedEventId);

    /// <summary>
    /// Rebuilds the run's state from its stored history (as the server rebuilds mutable state), then resumes what
    /// was pending: timers due while the emulator was down fire now, a running activity attempt times out and
    /// retries, a workflow task goes back on its queue or times out.
    /// </summary>
    public void Restore(StoredRun stored)
    {
        _stored = true;
        var restorer = new RunRestorer(this);
        foreach (var historyEvent in stored.Events)
        {
            _history.Add(historyEvent);
            restorer.Apply(historyEvent);
        }

        if (stored.Activities is { } activities)
        {
            ActivitySnapshot.Apply(activities, _activities);
            _storedActivityCount = _activities.Count;
        }

        if (!IsRunning)
        {
            _history.Compact();
            return;
        }

        Locked(() =>
        {
            foreach (var historyEvent in stored.Buffered)
            {
                // Applied now so Resume does not re-arm what already happened; applied again, relinked, once written.
                restorer.Apply(historyEvent);
                _buffered.Add(new BufferedEvent(historyEvent, restorer.Relink));
            }

            _storedBufferedVersion = _bufferedVersion;
            ArmRunTimeout();
            restorer.Resume();
        });
    }
}
