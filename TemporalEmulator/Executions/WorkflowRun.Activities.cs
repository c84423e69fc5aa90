using Agentic.Emulator.Frontend;
using Agentic.Emulator.TaskQueues;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    private readonly Dictionary<long, PendingActivity> _activities = [];
    private readonly Dictionary<string, long> _activityIds = new(StringComparer.Ordinal);

    /// <summary>Schedules an activity; with eager execution requested, starts it at once and returns the task for the completing worker.</summary>
    private PollActivityTaskQueueResponse? ScheduleActivity(ScheduleActivityTaskCommandAttributes command, long completedEventId, string identity)
    {
        var scheduleToClose = Positive(command.ScheduleToCloseTimeout);
        var startToClose = Positive(command.StartToCloseTimeout) ?? scheduleToClose;
        if (startToClose is null)
        {
            throw RpcErrors.InvalidArgument("commands.schedule_activity_task: start_to_close_timeout or schedule_to_close_timeout is required");
        }

        var heartbeat = Positive(command.HeartbeatTimeout);
        if (heartbeat is not null && heartbeat.ToTimeSpan() > startToClose.ToTimeSpan())
        {
            heartbeat = startToClose;
        }

        var attributes = new ActivityTaskScheduledEventAttributes
        {
            ActivityId = command.ActivityId,
            ActivityType = command.ActivityType,
            TaskQueue = command.TaskQueue is { Name.Length: > 0 } queue ? queue : Started.TaskQueue,
            Header = command.Header,
            Input = command.Input,
            ScheduleToCloseTimeout = scheduleToClose,
            ScheduleToStartTimeout = Positive(command.ScheduleToStartTimeout) ?? scheduleToClose,
            StartToCloseTimeout = startToClose,
            HeartbeatTimeout = heartbeat,
            WorkflowTaskCompletedEventId = completedEventId,
            RetryPolicy = RetryPolicies.WithDefaults(command.RetryPolicy),
            UseWorkflowBuildId = command.UseWorkflowBuildId,
            Priority = command.Priority,
        };
        var scheduled = NewEvent(EventType.ActivityTaskScheduled);
        scheduled.ActivityTaskScheduledEventAttributes = attributes;
        Write(scheduled);

        var activity = new PendingActivity(scheduled.EventId, attributes, Now);
        _activities[activity.ScheduledEventId] = activity;
        _activityIds[attributes.ActivityId] = activity.ScheduledEventId;
        if (activity.Expiration is { } expiration)
        {
            var id = activity.ScheduledEventId;
            activity.ScheduleToCloseTimer = _context.Clock.Schedule(
                expiration, () => Locked(() => OnActivityTimeout(id, 0, TimeoutType.ScheduleToClose)));
        }

        _context.TaskOutstanding(true);
        if (command.RequestEagerExecution && attributes.TaskQueue.Name == TaskQueueName)
        {
            return StartAttempt(activity, identity, string.Empty);
        }

        EnqueueAttempt(activity);
        return null;
    }

    private void EnqueueAttempt(PendingActivity activity)
    {
        activity.Phase = PendingActivityPhase.Queued;
        activity.AttemptScheduledTime = Now;
        if (Positive(activity.Attributes.ScheduleToStartTimeout) is { } scheduleToStart
            && scheduleToStart.ToTimeSpan() < (activity.Attributes.ScheduleToCloseTimeout?.ToTimeSpan() ?? TimeSpan.MaxValue))
        {
            var (id, attempt) = (activity.ScheduledEventId, activity.Attempt);
            activity.AttemptTimer = _context.Clock.After(
                scheduleToStart.ToTimeSpan(), () => Locked(() => OnActivityTimeout(id, attempt, TimeoutType.ScheduleToStart)));
        }

        _context.TaskQueues.Activity(Namespace, activity.Attributes.TaskQueue.Name)
            .Enqueue(new ActivityTaskItem(this, activity.ScheduledEventId, activity.Attempt));
    }

    public PollActivityTaskQueueResponse? StartActivityTask(ActivityTaskItem item, string identity, string requestId) => Locked(() =>
    {
        if (!IsRunning || !_activities.TryGetValue(item.ScheduledEventId, out var activity)
            || activity.Phase != PendingActivityPhase.Queued || activity.Attempt != item.Attempt || activity.Paused)
        {
            return null;
        }

        return StartAttempt(activity, identity, requestId);
    });

    private PollActivityTaskQueueResponse StartAttempt(PendingActivity activity, string identity, string requestId)
    {
        activity.AttemptTimer?.Cancel();
        activity.Phase = PendingActivityPhase.Started;
        activity.StartedTime = Now;
        activity.WorkerIdentity = identity;
        activity.StartRequestId = requestId;
        var attributes = activity.Attributes;
        var (id, attempt) = (activity.ScheduledEventId, activity.Attempt);
        activity.AttemptTimer = _context.Clock.After(
            attributes.StartToCloseTimeout.ToTimeSpan(), () => Locked(() => OnActivityTimeout(id, attempt, TimeoutType.StartToClose)));
        ArmHeartbeatTimer(activity);

        return new PollActivityTaskQueueResponse
        {
            TaskToken = new TaskToken(RunId, activity.ScheduledEventId, activity.Attempt, 0).ToByteString(),
            WorkflowNamespace = Namespace,
            WorkflowType = Started.WorkflowType,
            WorkflowExecution = Execution,
            ActivityType = attributes.ActivityType,
            ActivityId = attributes.ActivityId,
            Header = attributes.Header,
            Input = attributes.Input,
            HeartbeatDetails = activity.HeartbeatDetails,
            ScheduledTime = Timestamp.FromDateTime(activity.ScheduledTime),
            CurrentAttemptScheduledTime = Timestamp.FromDateTime(activity.AttemptScheduledTime),
            StartedTime = Timestamp.FromDateTime(activity.StartedTime.Value),
            Attempt = activity.Attempt,
            ScheduleToCloseTimeout = attributes.ScheduleToCloseTimeout,
            StartToCloseTimeout = attributes.StartToCloseTimeout,
            HeartbeatTimeout = attributes.HeartbeatTimeout,
            RetryPolicy = attributes.RetryPolicy,
            Priority = attributes.Priority,
        };
    }

    private void ArmHeartbeatTimer(PendingActivity activity)
    {
        activity.HeartbeatTimer?.Cancel();
        if (Positive(activity.Attributes.HeartbeatTimeout) is { } heartbeat)
        {
            var (id, attempt) = (activity.ScheduledEventId, activity.Attempt);
            activity.HeartbeatTimer = _context.Clock.After(
                heartbeat.ToTimeSpan(), () => Locked(() => OnActivityTimeout(id, attempt, TimeoutType.Heartbeat)));
        }
    }

    /// <summary>Finds the running attempt a token or activity id names; null when it has moved on.</summary>
    private PendingActivity? FindStartedActivity(long scheduledEventId, int attempt)
    {
        if (!IsRunning || !_activities.TryGetValue(scheduledEventId, out var activity)
            || activity.Phase != PendingActivityPhase.Started || (attempt != 0 && activity.Attempt != attempt))
        {
            return null;
        }

        return activity;
    }

    private PendingActivity RequireActivity(long scheduledEventId, int attempt) =>
        FindStartedActivity(scheduledEventId, attempt) ?? throw RpcErrors.NotFound("Activity task not found.");

    public long ScheduledEventIdOf(string activityId) => Locked(() =>
        _activityIds.TryGetValue(activityId, out var id) ? id : throw RpcErrors.NotFound($"Activity {activityId} not found."));

    /// <summary>Records a heartbeat; returns whether the workflow asked to cancel the activity, and whether it was paused or reset.</summary>
    public (bool CancelRequested, bool Paused, bool Reset) HeartbeatActivity(long scheduledEventId, int attempt, Payloads? details) => Locked(() =>
    {
        var activity = RequireActivity(scheduledEventId, attempt);
        activity.HeartbeatDetails = details;
        activity.LastHeartbeatTime = Now;
        ArmHeartbeatTimer(activity);
        return (activity.CancelRequested, activity.Paused, activity.ResetRequested);
    });

    public void CompleteActivity(long scheduledEventId, int attempt, Payloads? result, string identity) => Locked(() =>
    {
        var activity = RequireActivity(scheduledEventId, attempt);
        var completed = NewEvent(EventType.ActivityTaskCompleted);
        completed.ActivityTaskCompletedEventAttributes = new ActivityTaskCompletedEventAttributes
        {
            Result = result,
            ScheduledEventId = scheduledEventId,
            Identity = identity,
        };
        FinishActivity(activity, completed, e => e.ActivityTaskCompletedEventAttributes.StartedEventId = activity.StartedEventId);
    });

    public void FailActivity(long scheduledEventId, int attempt, Failure failure, Payloads? lastHeartbeatDetails, string identity) => Locked(() =>
    {
        var activity = RequireActivity(scheduledEventId, attempt);
        if (lastHeartbeatDetails is not null)
        {
            activity.HeartbeatDetails = lastHeartbeatDetails;
        }

        var state = RetryActivity(activity, failure);
        if (state == RetryState.InProgress)
        {
            return;
        }

        var failed = NewEvent(EventType.ActivityTaskFailed);
        failed.ActivityTaskFailedEventAttributes = new ActivityTaskFailedEventAttributes
        {
            Failure = failure,
            ScheduledEventId = scheduledEventId,
            Identity = identity,
            RetryState = state,
        };
        FinishActivity(activity, failed, e => e.ActivityTaskFailedEventAttributes.StartedEventId = activity.StartedEventId);
    });

    public void CancelActivity(long scheduledEventId, int attempt, Payloads? details, string identity) => Locked(() =>
    {
        var activity = RequireActivity(scheduledEventId, attempt);
        var canceled = NewEvent(EventType.ActivityTaskCanceled);
        canceled.ActivityTaskCanceledEventAttributes = new ActivityTaskCanceledEventAttributes
        {
            Details = details,
            LatestCancelRequestedEventId = activity.CancelRequestedEventId,
            ScheduledEventId = scheduledEventId,
            Identity = identity,
        };
        FinishActivity(activity, canceled, e => e.ActivityTaskCanceledEventAttributes.StartedEventId = activity.StartedEventId);
    });

    /// <summary>Schedules the next attempt if the policy allows; returns the retry state either way.</summary>
    private RetryState RetryActivity(PendingActivity activity, Failure failure)
    {
        var (delay, state) = RetryPolicies.Next(activity.Attributes.RetryPolicy, activity.Attempt, failure, Now, activity.Expiration);
        if (activity.ResetRequested)
        {
            // Reset while this attempt ran: the next one is attempt 1 and starts now, as on the server.
            activity.ResetRequested = false;
            activity.Attempt = 0;
            (delay, state) = (TimeSpan.Zero, RetryState.InProgress);
        }

        if (delay is null)
        {
            return state;
        }

        activity.CancelTimers();
        activity.LastFailure = failure;
        activity.Phase = PendingActivityPhase.Backoff;
        activity.NextAttemptTime = Now + delay.Value;
        _context.TaskOutstanding(false);
        ArmNextAttempt(activity, activity.NextAttemptTime.Value);
        return RetryState.InProgress;
    }

    private void ArmNextAttempt(PendingActivity activity, DateTime due)
    {
        var id = activity.ScheduledEventId;
        var attempt = activity.Attempt;
        activity.AttemptTimer = _context.Clock.Schedule(due, () => Locked(() =>
        {
            if (IsRunning && _activities.TryGetValue(id, out var pending) && pending.Attempt == attempt
                && pending.Phase == PendingActivityPhase.Backoff && !pending.Paused)
            {
                pending.Attempt++;
                _context.TaskOutstanding(true);
                EnqueueAttempt(pending);
            }
        }));
    }

    /// <summary>
    /// Re-arms an activity rebuilt from the store. An attempt that was running keeps its deadlines, counted from
    /// when it started: if its worker is gone it times out and retries, as on a server that restarted.
    /// </summary>
    private void ResumeActivity(PendingActivity activity)
    {
        if (activity.Expiration is { } expiration)
        {
            var id = activity.ScheduledEventId;
            activity.ScheduleToCloseTimer = _context.Clock.Schedule(
                expiration, () => Locked(() => OnActivityTimeout(id, 0, TimeoutType.ScheduleToClose)));
        }

        switch (activity.Phase)
        {
            case PendingActivityPhase.Backoff:
                ArmNextAttempt(activity, activity.NextAttemptTime ?? Now);
                break;
            case PendingActivityPhase.Started:
                _context.TaskOutstanding(true);
                var (scheduledId, attempt) = (activity.ScheduledEventId, activity.Attempt);
                var started = activity.StartedTime ?? Now;
                activity.AttemptTimer = _context.Clock.Schedule(
                    started + activity.Attributes.StartToCloseTimeout.ToTimeSpan(),
                    () => Locked(() => OnActivityTimeout(scheduledId, attempt, TimeoutType.StartToClose)));
                if (Positive(activity.Attributes.HeartbeatTimeout) is { } heartbeat)
                {
                    activity.HeartbeatTimer = _context.Clock.Schedule(
                        (activity.LastHeartbeatTime ?? started) + heartbeat.ToTimeSpan(),
                        () => Locked(() => OnActivityTimeout(scheduledId, attempt, TimeoutType.Heartbeat)));
                }

                break;
            default:
                _context.TaskOutstanding(true);
                EnqueueAttempt(activity);
                break;
        }
    }

    private void OnActivityTimeout(long scheduledEventId, int attempt, TimeoutType timeoutType)
    {
        if (!IsRunning || !_activities.TryGetValue(scheduledEventId, out var activity))
        {
            return;
        }

        var applies = timeoutType switch
        {
            TimeoutType.ScheduleToClose => true,
            TimeoutType.ScheduleToStart => activity.Phase == PendingActivityPhase.Queued && activity.Attempt == attempt,
            _ => activity.Phase == PendingActivityPhase.Started && activity.Attempt == attempt,
        };
        if (!applies)
        {
            return;
        }

        var failure = new Failure
        {
            Message = $"activity {TimeoutName(timeoutType)} timeout",
            TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = timeoutType, LastHeartbeatDetails = activity.HeartbeatDetails },
        };
        var state = RetryState.Timeout;
        if (timeoutType is TimeoutType.StartToClose or TimeoutType.Heartbeat)
        {
            state = RetryActivity(activity, failure);
            if (state == RetryState.InProgress)
            {
                return;
            }
        }

        failure.Cause = activity.LastFailure;
        var timedOut = NewEvent(EventType.ActivityTaskTimedOut);
        timedOut.ActivityTaskTimedOutEventAttributes = new ActivityTaskTimedOutEventAttributes
        {
            Failure = failure,
            ScheduledEventId = scheduledEventId,
            RetryState = state,
        };
        FinishActivity(activity, timedOut, e => e.ActivityTaskTimedOutEventAttributes.StartedEventId = activity.StartedEventId);
    }

    private static string TimeoutName(TimeoutType type) => type switch
    {
        TimeoutType.ScheduleToClose => "ScheduleToClose",
        TimeoutType.ScheduleToStart => "ScheduleToStart",
        TimeoutType.Heartbeat => "Heartbeat",
        _ => "StartToClose",
    };

    /// <summary>
    /// Removes the activity and writes its terminal event, preceded by the one ActivityTaskStarted event
    /// (written lazily, with the final attempt) when an attempt was running.
    /// </summary>
    private void FinishActivity(PendingActivity activity, HistoryEvent terminal, Action<HistoryEvent> linkStarted)
    {
        RemoveActivity(activity);
        if (activity.Phase == PendingActivityPhase.Started)
        {
            var started = NewEvent(EventType.ActivityTaskStarted);
            started.EventTime = Timestamp.FromDateTime(activity.StartedTime!.Value);
            started.ActivityTaskStartedEventAttributes = new ActivityTaskStartedEventAttributes
            {
                ScheduledEventId = activity.ScheduledEventId,
                Identity = activity.WorkerIdentity ?? string.Empty,
                RequestId = activity.StartRequestId,
                Attempt = activity.Attempt,
                LastFailure = activity.LastFailure,
            };
            WriteExternal(started, e => activity.StartedEventId = e.EventId, scheduleTask: false);
        }

        WriteExternal(terminal, linkStarted);
    }

    private void RemoveActivity(PendingActivity activity)
    {
        activity.CancelTimers();
        activity.ScheduleToCloseTimer?.Cancel();
        _activities.Remove(activity.ScheduledEventId);
        _activityIds.Remove(activity.Attributes.ActivityId);
        if (activity.Phase != PendingActivityPhase.Backoff)
        {
            _context.TaskOutstanding(false);
        }
    }

    /// <summary>Returns whether the activity was cancelled at once (it had not started), which needs a new workflow task.</summary>
    private bool RequestCancelActivity(long scheduledEventId, long completedEventId)
    {
        var requested = NewEvent(EventType.ActivityTaskCancelRequested);
        requested.ActivityTaskCancelRequestedEventAttributes = new ActivityTaskCancelRequestedEventAttributes
        {
            ScheduledEventId = scheduledEventId,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        Write(requested);
        if (!_activities.TryGetValue(scheduledEventId, out var activity))
        {
            return false;
        }

        activity.CancelRequested = true;
        activity.CancelRequestedEventId = requested.EventId;
        if (activity.Phase == PendingActivityPhase.Started)
        {
            return false;
        }

        RemoveActivity(activity);
        var canceled = NewEvent(EventType.ActivityTaskCanceled);
        canceled.ActivityTaskCanceledEventAttributes = new ActivityTaskCanceledEventAttributes
        {
            LatestCancelRequestedEventId = requested.EventId,
            ScheduledEventId = scheduledEventId,
        };
        Write(canceled);
        return true;
    }

    private void CloseActivities()
    {
        foreach (var activity in _activities.Values.ToList())
        {
            RemoveActivity(activity);
        }
    }
}
