using System.Globalization;
using Agentic.Emulator.Executions;
using Agentic.Emulator.Frontend;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

internal sealed partial class ScheduleInstance
{
    private const int RecentActionCount = 10;

    /// <summary>Takes the actions due up to now, starts what the buffer allows, saves, and sets the timer for the next time.</summary>
    private void Advance()
    {
        if (_deleted)
        {
            return;
        }

        CatchUp();
        ProcessBuffer();
        Save();
        _timer?.Cancel();
        _timer = null;
        if (CanTakeScheduledAction(manual: false, consume: false) && _spec.Next(_lastProcessed, JitterSeed) is { } next)
        {
            _timer = _context.Clock.Schedule(next.Actual, OnTimer);
        }
    }

    /// <summary>
    /// Handles the times that came due since the last look, under the definition that held then: a change (pause,
    /// update) applies from now on, as the server processes elapsed time before the signals that woke it.
    /// </summary>
    private void CatchUp()
    {
        var now = Now;
        if (now > _lastProcessed)
        {
            ProcessTimeRange(_lastProcessed, now, ScheduleOverlapPolicy.Unspecified, manual: false);
            _lastProcessed = now;
        }
    }

    private void OnTimer()
    {
        lock (_sync)
        {
            Advance();
        }
    }

    private void ProcessTimeRange(DateTime from, DateTime to, ScheduleOverlapPolicy policy, bool manual)
    {
        // Paused or out of actions: the time passes without actions (and without counting as missed).
        if (!CanTakeScheduledAction(manual, consume: false))
        {
            return;
        }

        var catchup = CatchupWindow(_schedule.Policies);
        var updated = _info.UpdateTime?.ToDateTime();
        for (var next = _spec.Next(from, JitterSeed); next is { } time && time.Actual <= to; next = _spec.Next(time.Actual, JitterSeed))
        {
            if (!manual && updated > time.Actual)
            {
                continue;
            }

            if (!manual && to - time.Actual > catchup)
            {
                _info.MissedCatchupWindow++;
                continue;
            }

            AddStart(new BufferedStart(time.Nominal, time.Actual, policy, manual));
        }
    }

    private void AddStart(BufferedStart start)
    {
        if (_buffer.Count >= MaxBufferSize)
        {
            _info.BufferDropped++;
            return;
        }

        _buffer.Add(start);
    }

    private bool CanTakeScheduledAction(bool manual, bool consume)
    {
        var state = _schedule.State;
        if (manual || (!state.Paused && !state.LimitedActions))
        {
            return true;
        }

        if (state.Paused || state.RemainingActions <= 0)
        {
            return false;
        }

        if (consume)
        {
            state.RemainingActions--;
            _conflictToken++;
        }

        return true;
    }

    private void ProcessBuffer()
    {
        if (_schedule.Action?.StartWorkflow is null || _buffer.Count == 0)
        {
            _buffer.Clear();
            return;
        }

        var decision = OverlapResolver.Resolve(_buffer, _info.RunningWorkflows.Count > 0, _schedule.Policies.OverlapPolicy);
        _buffer = decision.Remaining;
        _info.OverlapSkipped += decision.Skipped;
        foreach (var start in decision.AllowAllStarts)
        {
            StartWorkflow(start, tracked: false);
        }

        if (decision.Start is { } single)
        {
            StartWorkflow(single, tracked: true);
        }

        if (decision.TerminateRunning || decision.CancelRunning)
        {
            foreach (var running in _info.RunningWorkflows)
            {
                StopRunning(running, decision.TerminateRunning);
            }
        }
    }

    private void StopRunning(WorkflowExecution running, bool terminate)
    {
        if (_context.Executions.Find(Namespace, running.WorkflowId, null) is not { IsRunning: true } run)
        {
            return;
        }

        try
        {
            if (terminate)
            {
                run.Terminate("terminated by schedule overlap policy", Identity);
            }
            else
            {
                run.RequestCancel(Identity, "cancelled by schedule overlap policy", null, 0);
            }
        }
        catch (RpcException)
        {
            // Closed meanwhile; its watch picks that up.
        }
    }

    private string Identity => $"temporal-scheduler-{Namespace}-{ScheduleId}";

    private void StartWorkflow(BufferedStart start, bool tracked)
    {
        if (!CanTakeScheduledAction(start.Manual, consume: true))
        {
            return;
        }

        var action = _schedule.Action.StartWorkflow;
        var nominal = new DateTime(start.Nominal.Ticks - (start.Nominal.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var workflowId = _schedule.Policies.KeepOriginalWorkflowId
            ? action.WorkflowId
            : action.WorkflowId + "-" + nominal.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var now = Now;
        WorkflowRun run;
        try
        {
            var attributes = WorkflowServiceEndpoint.StartedAttributes(
                now, workflowId, action.WorkflowType, action.TaskQueue, action.Input, action.WorkflowExecutionTimeout, action.WorkflowRunTimeout,
                action.WorkflowTaskTimeout, Identity, action.RetryPolicy, string.Empty, action.Memo, StartedSearchAttributes(action.SearchAttributes, nominal),
                action.Header, null, action.Priority);
            if (start.OverlapPolicy != ScheduleOverlapPolicy.AllowAll)
            {
                attributes.LastCompletionResult = _lastCompletionResult;
                attributes.ContinuedFailure = _continuedFailure;
            }

            var reuse = start.Manual ? WorkflowIdReusePolicy.AllowDuplicate : WorkflowIdReusePolicy.RejectDuplicate;
            run = _context.Executions.Start(new StartWorkflow(
                Namespace, workflowId, Guid.NewGuid().ToString(), reuse, WorkflowIdConflictPolicy.Unspecified, attributes) { StartTime = now }).Execution;
        }
        catch (RpcException e)
        {
            _context.Logger.LogWarning("Schedule {ScheduleId} could not start {WorkflowId}: {Message}", ScheduleId, workflowId, e.Status.Detail);
            return;
        }

        var execution = new WorkflowExecution { WorkflowId = workflowId, RunId = run.RunId };
        _info.ActionCount++;
        _info.RecentActions.Add(new ScheduleActionResult
        {
            ScheduleTime = Timestamp.FromDateTime(start.Actual),
            ActualTime = Timestamp.FromDateTime(now),
            StartWorkflowResult = execution,
            StartWorkflowStatus = WorkflowExecutionStatus.Running,
        });
        while (_info.RecentActions.Count > RecentActionCount)
        {
            _info.RecentActions.RemoveAt(0);
        }

        if (tracked)
        {
            _info.RunningWorkflows.Add(execution.Clone());
        }

        Watch(run);
    }

    /// <summary>The action's search attributes plus the two the server adds to every scheduled workflow.</summary>
    private SearchAttributes StartedSearchAttributes(SearchAttributes? configured, DateTime nominal)
    {
        var attributes = configured?.Clone() ?? new SearchAttributes();
        attributes.IndexedFields["TemporalScheduledStartTime"] = JsonPayload(
            "\"" + nominal.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"", "Datetime");
        attributes.IndexedFields["TemporalScheduledById"] = JsonPayload("\"" + System.Text.Json.JsonEncodedText.Encode(ScheduleId) + "\"", "Keyword");
        return attributes;
    }

    private static Payload JsonPayload(string json, string type) => new()
    {
        Metadata =
        {
            ["encoding"] = ByteString.CopyFromUtf8("json/plain"),
            ["type"] = ByteString.CopyFromUtf8(type),
        },
        Data = ByteString.CopyFromUtf8(json),
    };
}
