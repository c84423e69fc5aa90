using Agentic.Emulator.Time;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    private readonly Dictionary<string, (long StartedEventId, ScheduledTimer Timer)> _timers = new(StringComparer.Ordinal);

    private void StartTimer(StartTimerCommandAttributes command, long completedEventId)
    {
        var started = NewEvent(EventType.TimerStarted);
        started.TimerStartedEventAttributes = new TimerStartedEventAttributes
        {
            TimerId = command.TimerId,
            StartToFireTimeout = command.StartToFireTimeout,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        Write(started);
        var timerId = command.TimerId;
        var startedEventId = started.EventId;
        var timer = _context.Clock.After(command.StartToFireTimeout.ToTimeSpan(), () => Locked(() => FireTimer(timerId, startedEventId)));
        _timers[timerId] = (startedEventId, timer);
    }

    private void FireTimer(string timerId, long startedEventId)
    {
        if (!_timers.TryGetValue(timerId, out var pending) || pending.StartedEventId != startedEventId)
        {
            return;
        }

        var fired = NewEvent(EventType.TimerFired);
        fired.TimerFiredEventAttributes = new TimerFiredEventAttributes { TimerId = timerId, StartedEventId = startedEventId };
        WriteExternal(fired, _ => _timers.Remove(timerId));
    }

    private void CancelTimer(string timerId, long completedEventId)
    {
        if (!_timers.Remove(timerId, out var pending))
        {
            return;
        }

        pending.Timer.Cancel();

        // A fire still waiting in the buffer is withdrawn: the workflow cancelled the timer before it could see it.
        _bufferedVersion += _buffered.RemoveAll(b => b.Event.EventType == EventType.TimerFired && b.Event.TimerFiredEventAttributes.TimerId == timerId);
        var canceled = NewEvent(EventType.TimerCanceled);
        canceled.TimerCanceledEventAttributes = new TimerCanceledEventAttributes
        {
            TimerId = timerId,
            StartedEventId = pending.StartedEventId,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        Write(canceled);
    }

    private void CloseTimers()
    {
        foreach (var (_, timer) in _timers.Values)
        {
            timer.Cancel();
        }

        _timers.Clear();
    }
}
