using Agentic.Emulator.Executions;
using Agentic.Emulator.Time;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// One schedule: its definition, its progress through the spec's times, its buffer of waiting starts and the
/// workflows it started. One lock guards it all; workflow starts, cancels and terminates happen under it (runs'
/// locks nest inside, never the other way). Partial files by concern: actions, description.
/// </summary>
internal sealed partial class ScheduleInstance
{
    private const int MaxBufferSize = 1000;
    private static readonly TimeSpan DefaultCatchupWindow = TimeSpan.FromDays(365);
    private static readonly TimeSpan MinCatchupWindow = TimeSpan.FromSeconds(10);

    private readonly Lock _sync = new();
    private readonly ScheduleStore _store;
    private readonly EmulatorContext _context;
    private Schedule _schedule = new();
    private ScheduleInfo _info = new();
    private CompiledScheduleSpec _spec;
    private DateTime _lastProcessed;
    private List<BufferedStart> _buffer = [];
    private long _conflictToken;
    private Memo? _memo;
    private SearchAttributes? _searchAttributes;
    private Payloads? _lastCompletionResult;
    private Failure? _continuedFailure;
    private ScheduledTimer? _timer;
    private bool _deleted;

    private ScheduleInstance(ScheduleStore store, EmulatorContext context, string @namespace, string scheduleId, CompiledScheduleSpec spec, string createRequestId)
    {
        _store = store;
        _context = context;
        Namespace = @namespace;
        ScheduleId = scheduleId;
        _spec = spec;
        CreateRequestId = createRequestId;
    }

    public string Namespace { get; }

    public string ScheduleId { get; }

    public string CreateRequestId { get; }

    private DateTime Now => _context.Clock.UtcNow;

    private string JitterSeed => $"{Namespace}-{ScheduleId}";

    public static ScheduleInstance Create(
        ScheduleStore store, EmulatorContext context, string @namespace, string scheduleId, Schedule schedule, CompiledScheduleSpec spec,
        Memo? memo, SearchAttributes? searchAttributes, string requestId)
    {
        var instance = new ScheduleInstance(store, context, @namespace, scheduleId, spec, requestId)
        {
            _memo = memo,
            _searchAttributes = searchAttributes,
        };
        instance._schedule = WithDefaults(schedule, spec);
        var now = context.Clock.UtcNow;
        instance._info.CreateTime = Timestamp.FromDateTime(now);
        instance._lastProcessed = now;
        return instance;
    }

    public static ScheduleInstance Restore(ScheduleStore store, EmulatorContext context, ScheduleSnapshot snapshot)
    {
        var spec = ScheduleSpecCompiler.Compile(snapshot.Schedule.Spec);
        return new ScheduleInstance(store, context, snapshot.Namespace, snapshot.ScheduleId, spec, snapshot.CreateRequestId)
        {
            _schedule = snapshot.Schedule.Clone(),
            _info = snapshot.Info.Clone(),
            _lastProcessed = snapshot.LastProcessedTime,
            _buffer = [.. snapshot.Buffer],
            _conflictToken = snapshot.ConflictToken,
            _memo = snapshot.Memo?.Clone(),
            _searchAttributes = snapshot.SearchAttributes?.Clone(),
            _lastCompletionResult = snapshot.LastCompletionResult?.Clone(),
            _continuedFailure = snapshot.ContinuedFailure?.Clone(),
        };
    }

    public long ConflictToken
    {
        get
        {
            lock (_sync)
            {
                return _conflictToken;
            }
        }
    }

    public ScheduleSnapshot Snapshot()
    {
        lock (_sync)
        {
            return new ScheduleSnapshot(
                Namespace, ScheduleId, _schedule.Clone(), _info.Clone(), _lastProcessed, [.. _buffer], _conflictToken, _memo?.Clone(),
                _searchAttributes?.Clone(), _lastCompletionResult?.Clone(), _continuedFailure?.Clone(), CreateRequestId);
        }
    }

    /// <summary>Replaces spec, action, policies and state (not progress); actions due before now are not taken.</summary>
    public void Update(Schedule schedule, CompiledScheduleSpec spec, SearchAttributes? searchAttributes, Memo? memo, long? expectedToken)
    {
        lock (_sync)
        {
            if (expectedToken is { } token && token != _conflictToken)
            {
                throw Frontend.RpcErrors.FailedPrecondition("mismatched conflict token");
            }

            CatchUp();
            _spec = spec;
            _schedule = WithDefaults(schedule, spec);
            _searchAttributes = searchAttributes ?? _searchAttributes;
            _memo = memo ?? _memo;
            _info.UpdateTime = Timestamp.FromDateTime(Now);
            _conflictToken++;
            Advance();
        }
    }

    public void Patch(SchedulePatch patch)
    {
        lock (_sync)
        {
            CatchUp();
            var now = Now;
            if (patch.TriggerImmediately is { } trigger)
            {
                var at = trigger.ScheduledTime?.ToDateTime() ?? now;
                AddStart(new BufferedStart(at, at, trigger.OverlapPolicy, Manual: true));
            }

            foreach (var backfill in patch.BackfillRequest)
            {
                // The start time is inclusive: an action exactly at it is taken.
                var from = (backfill.StartTime?.ToDateTime() ?? now).AddMilliseconds(-1);
                ProcessTimeRange(from, backfill.EndTime?.ToDateTime() ?? now, backfill.OverlapPolicy, manual: true);
            }

            if (patch.Pause.Length > 0)
            {
                _schedule.State.Paused = true;
                _schedule.State.Notes = patch.Pause;
                _conflictToken++;
            }

            if (patch.Unpause.Length > 0)
            {
                _schedule.State.Paused = false;
                _schedule.State.Notes = patch.Unpause;
                _conflictToken++;
            }

            Advance();
        }
    }

    public void Delete()
    {
        lock (_sync)
        {
            _deleted = true;
            _timer?.Cancel();
        }
    }

    /// <summary>Starts the schedule's clock after creation or restore: restarts watches, takes due actions, arms the timer.</summary>
    public void Activate()
    {
        lock (_sync)
        {
            foreach (var running in _info.RunningWorkflows)
            {
                if (_context.Executions.Find(Namespace, running.WorkflowId, null) is { } run)
                {
                    Watch(run);
                }
            }

            Advance();
        }
    }

    private static Schedule WithDefaults(Schedule schedule, CompiledScheduleSpec spec)
    {
        var stored = schedule.Clone();
        stored.Spec = spec.Canonical;
        stored.Action ??= new ScheduleAction();
        stored.Policies ??= new SchedulePolicies();
        stored.State ??= new ScheduleState();
        stored.Policies.OverlapPolicy = OverlapResolver.Effective(stored.Policies.OverlapPolicy, ScheduleOverlapPolicy.Unspecified);
        stored.Policies.CatchupWindow = Duration.FromTimeSpan(CatchupWindow(stored.Policies));
        return stored;
    }

    private static TimeSpan CatchupWindow(SchedulePolicies policies)
    {
        if (policies.CatchupWindow is null)
        {
            return DefaultCatchupWindow;
        }

        var window = policies.CatchupWindow.ToTimeSpan();
        return window < MinCatchupWindow ? MinCatchupWindow : window;
    }

    private void Save()
    {
        // Snapshots copy every message: only take one when something keeps it.
        if (!_deleted && _store.Journal is not NullScheduleJournal)
        {
            _store.Journal.Saved(Snapshot());
        }
    }
}
