using System.Collections.Concurrent;
using Agentic.Emulator.Executions;
using Agentic.Emulator.Frontend;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// All schedules by namespace and id. It also tells time skipping to wait while a workflow a schedule started has
/// closed but the schedule has not yet reacted (a buffered start is due at that instant, not at the next timer).
/// </summary>
internal sealed class ScheduleStore
{
    /// <summary>The server's prefix for the workflow behind a schedule; conflicts name it.</summary>
    public const string WorkflowIdPrefix = "temporal-sys-scheduler:";

    private readonly EmulatorContext _context;
    private readonly ConcurrentDictionary<(string Namespace, string Id), ScheduleInstance> _schedules = new();
    private readonly ConcurrentDictionary<WorkflowRun, int> _watched = new();

    public ScheduleStore(EmulatorContext context)
    {
        _context = context;
        var idle = context.Clock.IsIdle;
        context.Clock.IsIdle = () => idle() && !_watched.Any(pair => !pair.Key.IsRunning);
    }

    private IScheduleJournal? _journal;

    /// <summary>Receives every change: the durable store's documents when the emulator runs on a file, else nothing.</summary>
    public IScheduleJournal Journal => _journal ??= _context.Store is { } store ? new StoreScheduleJournal(store) : NullScheduleJournal.Instance;

    public int Count => _schedules.Count;

    /// <summary>Creates and starts a schedule; a retry with the same request id gets the same schedule and <paramref name="created"/> false.</summary>
    public ScheduleInstance Create(
        string @namespace, string scheduleId, Schedule schedule, Memo? memo, SearchAttributes? searchAttributes, string requestId, out bool created)
    {
        created = false;
        var spec = Compile(schedule.Spec);
        var fresh = ScheduleInstance.Create(this, _context, @namespace, scheduleId, schedule, spec, memo, searchAttributes, requestId);
        var existing = _schedules.GetOrAdd((@namespace, scheduleId), fresh);
        if (!ReferenceEquals(existing, fresh))
        {
            if (existing.CreateRequestId == requestId)
            {
                return existing;
            }

            throw RpcErrors.AlreadyStarted(WorkflowIdPrefix + scheduleId, existing.CreateRequestId, scheduleId);
        }

        fresh.Activate();
        created = true;
        return fresh;
    }

    public ScheduleInstance Get(string @namespace, string scheduleId) =>
        _schedules.TryGetValue((@namespace, scheduleId), out var schedule)
            ? schedule
            : throw RpcErrors.NotFound($"schedule not found: {scheduleId}");

    public void Delete(string @namespace, string scheduleId)
    {
        if (!_schedules.TryRemove((@namespace, scheduleId), out var schedule))
        {
            throw RpcErrors.NotFound($"schedule not found: {scheduleId}");
        }

        schedule.Delete();
        Journal.Deleted(@namespace, scheduleId);
    }

    /// <summary>The namespace's schedules, oldest first (ties by id), the order list pages follow.</summary>
    public IEnumerable<ScheduleInstance> In(string @namespace) =>
        _schedules.Where(pair => pair.Key.Namespace == @namespace).OrderBy(pair => pair.Key.Id, StringComparer.Ordinal).Select(pair => pair.Value);

    /// <summary>Brings back the schedules the durable store kept (after its runs are back, so running workflows are watched again).</summary>
    public void RestoreStored()
    {
        if (Journal is StoreScheduleJournal stored)
        {
            Restore(stored.Load());
        }
    }

    /// <summary>Brings back schedules a durable store kept; each carries on from where it stood (catching up within its window).</summary>
    public void Restore(IEnumerable<ScheduleSnapshot> snapshots)
    {
        foreach (var snapshot in snapshots)
        {
            var schedule = ScheduleInstance.Restore(this, _context, snapshot);
            if (_schedules.TryAdd((snapshot.Namespace, snapshot.ScheduleId), schedule))
            {
                schedule.Activate();
            }
        }
    }

    /// <summary>Validates and canonicalises a spec, answering INVALID_ARGUMENT naming the problem.</summary>
    public static CompiledScheduleSpec Compile(ScheduleSpec? spec)
    {
        try
        {
            return ScheduleSpecCompiler.Compile(spec);
        }
        catch (FormatException e)
        {
            throw RpcErrors.InvalidArgument($"schedule.spec is invalid: {e.Message}");
        }
    }

    public void Watching(WorkflowRun run) => _watched.AddOrUpdate(run, 1, (_, count) => count + 1);

    public void Unwatched(WorkflowRun run)
    {
        while (_watched.TryGetValue(run, out var count))
        {
            if (count <= 1 ? _watched.TryRemove(new KeyValuePair<WorkflowRun, int>(run, count)) : _watched.TryUpdate(run, count - 1, count))
            {
                return;
            }
        }
    }
}
