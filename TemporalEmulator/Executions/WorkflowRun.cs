using Agentic.Emulator.Time;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

/// <summary>
/// One workflow run: its history and the mutable state derived from it. Every change happens under the
/// run's own lock (<see cref="Locked{T}"/>); effects on other runs are deferred until the lock is released,
/// so two runs' locks are never held together.
/// </summary>
internal sealed partial class WorkflowRun
{
    private readonly Lock _sync = new();
    private readonly RunHistory _history = new();
    private readonly List<BufferedEvent> _buffered = [];
    // One signal shared by every history long poll of this run, replaced each time it fires: a poll that gives up
    // (deadline, client gone) leaves nothing behind, however many polls a long-idle run sees.
    private TaskCompletionSource? _historyChanged;

    // Result long polls and schedules wait for the close alone: they need not wake on every event before it.
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WorkflowChain _chain;
    private readonly EmulatorContext _context;
    private List<Action>? _deferred;
    private ScheduledTimer? _runTimeoutTimer;
    private bool _firstTaskBackoff;
    private volatile WorkflowExecutionStatus _status = WorkflowExecutionStatus.Running;

    public WorkflowRun(EmulatorContext context, WorkflowChain chain, StartWorkflow start, string runId)
    {
        _context = context;
        _chain = chain;
        Namespace = start.Namespace;
        WorkflowId = start.WorkflowId;
        RunId = runId;
        StartRequestId = start.RequestId;
        Parent = start.Parent;
        Started = start.Attributes;
        UserMetadata = start.UserMetadata;
        StartTime = start.StartTime ?? context.Clock.UtcNow;
        ExecutionTime = StartTime + (Started.FirstWorkflowTaskBackoff?.ToTimeSpan() ?? TimeSpan.Zero);
        foreach (var (key, value) in Started.SearchAttributes?.IndexedFields ?? [])
        {
            SearchAttributes[key] = value;
        }

        context.RegisterSearchAttributes(SearchAttributes);
        foreach (var (key, value) in Started.Memo?.Fields ?? [])
        {
            Memo[key] = value;
        }
    }

    public string Namespace { get; }

    public string WorkflowId { get; }

    public string RunId { get; }

    public string StartRequestId { get; }

    public ParentLink? Parent { get; private set; }

    public WorkflowExecutionStartedEventAttributes Started { get; }

    public Temporalio.Api.Sdk.V1.UserMetadata? UserMetadata { get; }

    public string WorkflowTypeName => Started.WorkflowType.Name;

    public string TaskQueueName => Started.TaskQueue.Name;

    public DateTime StartTime { get; }

    public DateTime ExecutionTime { get; }

    public DateTime? CloseTime { get; private set; }

    public WorkflowExecutionStatus Status => _status;

    public bool IsRunning => _status == WorkflowExecutionStatus.Running;

    /// <summary>Current search attributes (start plus upserts); read under the lock or on closed runs.</summary>
    public Dictionary<string, Payload> SearchAttributes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Payload> Memo { get; } = new(StringComparer.Ordinal);

    public WorkflowExecution Execution => new() { WorkflowId = WorkflowId, RunId = RunId };

    private DateTime Now => _context.Clock.UtcNow;

    private TimeSpan WorkflowTaskTimeout =>
        Started.WorkflowTaskTimeout is { } timeout && timeout.ToTimeSpan() > TimeSpan.Zero ? timeout.ToTimeSpan() : TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="body"/> under the lock, wakes history readers, then runs deferred cross-run effects.</summary>
    public T Locked<T>(Func<T> body)
    {
        // Counted as outstanding work until the deferred effects ran: a completion that closes its workflow
        // task before scheduling the activity it carries must not look idle to time skipping in between.
        if (!_context.Clock.TimeSkipping)
        {
            return LockedCore(body);
        }

        _context.TaskOutstanding(true);
        try
        {
            return LockedCore(body);
        }
        finally
        {
            _context.TaskOutstanding(false);
        }
    }

    private T LockedCore<T>(Func<T> body)
    {
        List<Action>? deferred;
        T result;
        lock (_sync)
        {
            var before = _history.Count;
            try
            {
                result = body();
            }
            finally
            {
                if (_context.Store is not null)
                {
                    Persist(before);
                }

                if (_history.Count != before && _historyChanged is { } changed)
                {
                    _historyChanged = null;
                    changed.TrySetResult();
                }

                deferred = _deferred;
                _deferred = null;
            }
        }

        if (deferred is not null)
        {
            foreach (var action in deferred)
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    _context.Logger.LogWarning(ex, "Deferred effect of {WorkflowId}/{RunId} failed", WorkflowId, RunId);
                }
            }
        }

        return result;
    }

    public void Locked(Action body) => Locked(() =>
    {
        body();
        return true;
    });

    /// <summary>Writes the first events; called once, before anyone else can see the run.</summary>
    public void Begin(WorkflowExecutionSignaledEventAttributes? signal) => Locked(() =>
    {
        var started = NewEvent(EventType.WorkflowExecutionStarted);
        // The run's start time, which timeouts, start delays and describe count from.
        started.EventTime = Timestamp.FromDateTime(StartTime);
        started.WorkflowExecutionStartedEventAttributes = Started;
        started.UserMetadata = UserMetadata;
        Write(started);
        if (signal is not null)
        {
            var signaled = NewEvent(EventType.WorkflowExecutionSignaled);
            signaled.WorkflowExecutionSignaledEventAttributes = signal;
            Write(signaled);
        }

        ArmRunTimeout();
        var backoff = Started.FirstWorkflowTaskBackoff?.ToTimeSpan() ?? TimeSpan.Zero;
        if (backoff > TimeSpan.Zero)
        {
            // Signals and updates during the backoff are recorded but do not bring the first task forward.
            _firstTaskBackoff = true;
            _context.Clock.After(backoff, () => Locked(() =>
            {
                _firstTaskBackoff = false;
                ScheduleWorkflowTask();
            }));
        }
        else
        {
            ScheduleWorkflowTask();
        }
    });

    /// <summary>A snapshot of the history from event <paramref name="fromEventId"/> on.</summary>
    public List<HistoryEvent> HistoryFrom(long fromEventId) => Locked(() =>
        _history.From(fromEventId));

    /// <summary>Waits until the history grows past <paramref name="length"/> events (or the run closes), or the token fires.</summary>
    public async Task WaitForHistoryAsync(long length, bool closeOnly, CancellationToken cancellationToken)
    {
        if (closeOnly)
        {
            if (IsRunning)
            {
                await _closed.Task.WaitAsync(cancellationToken);
            }

            return;
        }

        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_history.Count > length)
                {
                    return;
                }

                _historyChanged ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _historyChanged.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The closing event, once the run has closed.</summary>
    public HistoryEvent? CloseEvent
    {
        get
        {
            lock (_sync)
            {
                return IsRunning ? null : _history.Last;
            }
        }
    }

    public int HistoryLength
    {
        get
        {
            lock (_sync)
            {
                return _history.Count;
            }
        }
    }

    private HistoryEvent NewEvent(EventType type) => new()
    {
        EventType = type,
        EventTime = Timestamp.FromDateTime(Now),
    };

    private HistoryEvent Write(HistoryEvent historyEvent)
    {
        historyEvent.EventId = _history.Count + 1;
        historyEvent.TaskId = _context.NextSequence();
        _history.Add(historyEvent);
        return historyEvent;
    }

    /// <summary>
    /// Writes an event that the workflow must react to. While a workflow task is running, nothing may
    /// come between its Started and Completed events, so the event waits in a buffer.
    /// </summary>
    private void WriteExternal(HistoryEvent historyEvent, Action<HistoryEvent>? onWrite = null, bool scheduleTask = true)
    {
        if (!IsRunning)
        {
            return;
        }

        if (_workflowTask == WorkflowTaskState.Started)
        {
            _buffered.Add(new BufferedEvent(historyEvent, onWrite));
            _bufferedVersion++;
            return;
        }

        Write(historyEvent);
        onWrite?.Invoke(historyEvent);
        if (scheduleTask)
        {
            ScheduleWorkflowTask();
        }
    }

    private bool FlushBuffered()
    {
        if (_buffered.Count == 0)
        {
            return false;
        }

        foreach (var buffered in _buffered)
        {
            Write(buffered.Event);
            buffered.OnWrite?.Invoke(buffered.Event);
        }

        _buffered.Clear();
        _bufferedVersion++;
        return true;
    }

    private void Defer(Action action) => (_deferred ??= []).Add(action);

    private void ArmRunTimeout()
    {
        var run = Started.WorkflowRunTimeout?.ToTimeSpan() ?? TimeSpan.Zero;
        var deadline = run > TimeSpan.Zero ? StartTime + run : DateTime.MaxValue;
        if (Started.WorkflowExecutionExpirationTime is { } expiration && expiration.ToDateTime() < deadline)
        {
            deadline = expiration.ToDateTime();
        }

        if (deadline != DateTime.MaxValue)
        {
            _runTimeoutTimer = _context.Clock.Schedule(deadline, () => Locked(OnRunTimeout));
        }
    }

    private sealed record BufferedEvent(HistoryEvent Event, Action<HistoryEvent>? OnWrite);
}
