using System.Collections.Concurrent;
using Agentic.Emulator.Frontend;
using Temporalio.Api.Enums.V1;

namespace Agentic.Emulator.Executions;

/// <summary>
/// All runs, open and closed, by run id and by workflow id. Closed runs stay for history, queries and lists until
/// their namespace's retention period has passed (<see cref="ClosedRunRetention"/>).
/// </summary>
internal sealed class ExecutionStore(EmulatorContext context)
{
    private readonly ConcurrentDictionary<string, WorkflowRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Namespace, string WorkflowId), WorkflowChain> _chains = new();
    private readonly ClosedRunRetention _retention = new();

    public int Count
    {
        get
        {
            RemoveExpired();
            return _runs.Count;
        }
    }

    public IEnumerable<WorkflowRun> All
    {
        get
        {
            RemoveExpired();
            return _runs.Values;
        }
    }

    public WorkflowRun? GetRun(string runId)
    {
        RemoveExpired();
        return _runs.TryGetValue(runId, out var run) ? run : null;
    }

    /// <summary>Called by a run as it closes (under its lock): it is removed once its namespace's retention has passed.</summary>
    public void Closed(WorkflowRun run, DateTime closedAt) =>
        _retention.Closed(run, closedAt, context.Namespaces.Retention(run.Namespace));

    /// <summary>Forgets the closed runs whose retention has passed. Callers hold no run's lock.</summary>
    public void RemoveExpired()
    {
        if (_retention.TakeDue(context.Clock.UtcNow) is { } due)
        {
            foreach (var run in due)
            {
                Delete(run);
            }
        }
    }

    /// <summary>The named run, or the workflow id's latest run when <paramref name="runId"/> is empty.</summary>
    public WorkflowRun? Find(string @namespace, string workflowId, string? runId)
    {
        RemoveExpired();
        if (!string.IsNullOrEmpty(runId))
        {
            return _runs.TryGetValue(runId, out var run) && run.Namespace == @namespace && run.WorkflowId == workflowId
                ? run
                : null;
        }

        return _chains.TryGetValue((@namespace, workflowId), out var chain) ? chain.Current : null;
    }

    public WorkflowRun FindOrThrow(string @namespace, string workflowId, string? runId) =>
        Find(@namespace, workflowId, runId) ?? throw RpcErrors.WorkflowNotFound(workflowId, runId ?? string.Empty);

    public StartOutcome Start(StartWorkflow start)
    {
        RemoveExpired();
        while (true)
        {
            var chain = _chains.GetOrAdd((start.Namespace, start.WorkflowId), static _ => new WorkflowChain());
            WorkflowRun? toTerminate = null;
            WorkflowRun? toSignal = null;
            WorkflowRun? created = null;
            lock (chain.Sync)
            {
                if (chain.Removed)
                {
                    continue;
                }

                var current = chain.Current;
                if (current is not null && current.IsRunning)
                {
                    if (start.Signal is not null)
                    {
                        toSignal = current;
                    }
                    else if (start.RequestId.Length > 0 && current.StartRequestId == start.RequestId)
                    {
                        return new StartOutcome(current, true);
                    }
                    else if (start.ReusePolicy == WorkflowIdReusePolicy.TerminateIfRunning
                        || start.ConflictPolicy == WorkflowIdConflictPolicy.TerminateExisting)
                    {
                        toTerminate = current;
                    }
                    else if (start.ConflictPolicy == WorkflowIdConflictPolicy.UseExisting)
                    {
                        return new StartOutcome(current, false);
                    }
                    else
                    {
                        throw RpcErrors.AlreadyStarted(start.WorkflowId, current.StartRequestId, current.RunId);
                    }
                }
                else
                {
                    if (current is not null)
                    {
                        if (start.RequestId.Length > 0 && current.StartRequestId == start.RequestId)
                        {
                            return new StartOutcome(current, true);
                        }

                        var allowed = start.ReusePolicy switch
                        {
                            WorkflowIdReusePolicy.RejectDuplicate => false,
                            WorkflowIdReusePolicy.AllowDuplicateFailedOnly => current.Status is not WorkflowExecutionStatus.Completed,
                            _ => true,
                        };
                        if (!allowed)
                        {
                            throw RpcErrors.AlreadyStarted(start.WorkflowId, current.StartRequestId, current.RunId);
                        }
                    }

                    created = Create(start, chain);
                    chain.Current = created;
                }
            }

            if (toSignal is not null)
            {
                toSignal.Signal(start.Signal!);
                return new StartOutcome(toSignal, false);
            }

            if (toTerminate is not null)
            {
                toTerminate.Terminate("terminated by a start with a terminate-existing policy", start.Attributes.Identity);
                continue;
            }

            created!.Begin(start.Signal);
            return new StartOutcome(created, true);
        }
    }

    /// <summary>Forgets a run; the chain forgets it too when it was the latest, and goes when nothing is left of it.</summary>
    public void Delete(WorkflowRun run)
    {
        if (!_runs.TryRemove(run.RunId, out _))
        {
            return;
        }

        context.Store?.DeleteRun(run.RunId);
        var key = (run.Namespace, run.WorkflowId);
        if (_chains.TryGetValue(key, out var chain))
        {
            lock (chain.Sync)
            {
                if (chain.Current == run)
                {
                    chain.Current = null;
                    chain.Removed = true;
                    _chains.TryRemove(new KeyValuePair<(string, string), WorkflowChain>(key, chain));
                }
            }
        }
    }

    /// <summary>
    /// Rebuilds every stored run, in creation order (a parent before its children, a chain's runs in sequence), then
    /// resumes the open ones and finishes child starts and child closes the emulator stopped in the middle of.
    /// </summary>
    public void Restore(IReadOnlyList<Persistence.StoredRun> stored)
    {
        var restored = new List<(WorkflowRun Run, Persistence.StoredRun Stored)>();
        foreach (var entry in stored)
        {
            var first = entry.Events[0];
            if (first.EventType != EventType.WorkflowExecutionStarted)
            {
                continue;
            }

            var identity = entry.Identity;
            var chain = _chains.GetOrAdd((identity.Namespace, identity.WorkflowId), static _ => new WorkflowChain());
            var start = new StartWorkflow(identity.Namespace, identity.WorkflowId, identity.StartRequestId, WorkflowIdReusePolicy.AllowDuplicate,
                WorkflowIdConflictPolicy.Fail, first.WorkflowExecutionStartedEventAttributes)
            {
                StartTime = first.EventTime.ToDateTime(),
                UserMetadata = first.UserMetadata,
            };
            var run = new WorkflowRun(context, chain, start, entry.RunId);
            if (identity.ParentRunId is { } parentRunId && GetRun(parentRunId) is { } parent)
            {
                run.RestoreParent(parent, identity.ParentInitiatedEventId);
            }

            _runs[run.RunId] = run;
            chain.Current = run;
            restored.Add((run, entry));
        }

        foreach (var (run, entry) in restored)
        {
            run.Restore(entry);
            if (run.CloseTime is { } closedAt)
            {
                Closed(run, closedAt);
            }
        }

        foreach (var (run, _) in restored)
        {
            if (run.IsRunning)
            {
                run.ResumeChildren();
            }
        }
    }

    /// <summary>Creates the next run of a chain (continue-as-new, retry, cron) from inside the closing run's lock.</summary>
    public WorkflowRun StartNextRun(WorkflowChain chain, StartWorkflow start)
    {
        var next = Create(start, chain);
        lock (chain.Sync)
        {
            chain.Current = next;
        }

        return next;
    }

    private WorkflowRun Create(StartWorkflow start, WorkflowChain chain)
    {
        var runId = Guid.NewGuid().ToString();
        var attributes = start.Attributes;
        attributes.OriginalExecutionRunId = runId;
        if (string.IsNullOrEmpty(attributes.FirstExecutionRunId))
        {
            attributes.FirstExecutionRunId = runId;
        }

        if (attributes.Attempt == 0)
        {
            attributes.Attempt = 1;
        }

        var execution = new WorkflowRun(context, chain, start, runId);
        _runs[runId] = execution;
        return execution;
    }
}
