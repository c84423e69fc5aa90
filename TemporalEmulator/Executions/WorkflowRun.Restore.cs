using Agentic.Emulator.TaskQueues;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Update.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    /// <summary>Replays stored events into a run's mutable state, then re-arms what the run was waiting on.</summary>
    private sealed class RunRestorer(WorkflowRun run)
    {
        private readonly Dictionary<string, (long StartedEventId, DateTime Due)> _timers = new(StringComparer.Ordinal);
        private bool _anyWorkflowTask;
        private DateTime _taskStartedTime;

        public void Apply(HistoryEvent e)
        {
            switch (e.EventType)
            {
                case EventType.WorkflowTaskScheduled:
                    _anyWorkflowTask = true;
                    run._workflowTask = WorkflowTaskState.Scheduled;
                    run._taskScheduledEventId = e.EventId;
                    run._taskScheduledTime = e.EventTime.ToDateTime();
                    run._taskAttempt = Math.Max(1, e.WorkflowTaskScheduledEventAttributes.Attempt);
                    break;
                case EventType.WorkflowTaskStarted:
                    run._workflowTask = WorkflowTaskState.Started;
                    run._taskStartedEventId = e.EventId;
                    _taskStartedTime = e.EventTime.ToDateTime();
                    break;
                case EventType.WorkflowTaskCompleted:
                    var completed = e.WorkflowTaskCompletedEventAttributes;
                    run._workflowTask = WorkflowTaskState.None;
                    run._lastCompletedStartedEventId = completed.StartedEventId;
                    run._taskAttempt = 1;
                    run._mostRecentWorkerVersion = completed.WorkerVersion ?? run._mostRecentWorkerVersion;
                    run._workerDeploymentName = completed.WorkerDeploymentName is { Length: > 0 } name ? name : run._workerDeploymentName;
                    break;
                case EventType.WorkflowTaskFailed or EventType.WorkflowTaskTimedOut:
                    run._workflowTask = WorkflowTaskState.None;
                    break;
                case EventType.ActivityTaskScheduled:
                    var scheduled = e.ActivityTaskScheduledEventAttributes;
                    run._activities[e.EventId] = new PendingActivity(e.EventId, scheduled, e.EventTime.ToDateTime());
                    run._activityIds[scheduled.ActivityId] = e.EventId;
                    break;
                case EventType.ActivityTaskCancelRequested:
                    if (run._activities.TryGetValue(e.ActivityTaskCancelRequestedEventAttributes.ScheduledEventId, out var canceling))
                    {
                        canceling.CancelRequested = true;
                        canceling.CancelRequestedEventId = e.EventId;
                    }

                    break;
                case EventType.ActivityTaskCompleted:
                    ForgetActivity(e.ActivityTaskCompletedEventAttributes.ScheduledEventId);
                    break;
                case EventType.ActivityTaskFailed:
                    ForgetActivity(e.ActivityTaskFailedEventAttributes.ScheduledEventId);
                    break;
                case EventType.ActivityTaskTimedOut:
                    ForgetActivity(e.ActivityTaskTimedOutEventAttributes.ScheduledEventId);
                    break;
                case EventType.ActivityTaskCanceled:
                    ForgetActivity(e.ActivityTaskCanceledEventAttributes.ScheduledEventId);
                    break;
                case EventType.TimerStarted:
                    var timer = e.TimerStartedEventAttributes;
                    _timers[timer.TimerId] = (e.EventId, e.EventTime.ToDateTime() + timer.StartToFireTimeout.ToTimeSpan());
                    break;
                case EventType.TimerFired:
                    _timers.Remove(e.TimerFiredEventAttributes.TimerId);
                    break;
                case EventType.TimerCanceled:
                    _timers.Remove(e.TimerCanceledEventAttributes.TimerId);
                    break;
                case EventType.StartChildWorkflowExecutionInitiated:
                    var initiated = e.StartChildWorkflowExecutionInitiatedEventAttributes;
                    run._children[e.EventId] = new PendingChild(e.EventId, initiated.Namespace, initiated.WorkflowId, initiated.WorkflowType.Name,
                        initiated.ParentClosePolicy == ParentClosePolicy.Unspecified ? ParentClosePolicy.Terminate : initiated.ParentClosePolicy);
                    break;
                case EventType.ChildWorkflowExecutionStarted:
                    var childStarted = e.ChildWorkflowExecutionStartedEventAttributes;
                    if (run._children.TryGetValue(childStarted.InitiatedEventId, out var child))
                    {
                        child.Started = true;
                        child.RunId = childStarted.WorkflowExecution.RunId;
                        child.StartedEventId = e.EventId;
                    }

                    break;
                case EventType.StartChildWorkflowExecutionFailed:
                    run._children.Remove(e.StartChildWorkflowExecutionFailedEventAttributes.InitiatedEventId);
                    break;
                case EventType.ChildWorkflowExecutionCompleted:
                    run._children.Remove(e.ChildWorkflowExecutionCompletedEventAttributes.InitiatedEventId);
                    break;
                case EventType.ChildWorkflowExecutionFailed:
                    run._children.Remove(e.ChildWorkflowExecutionFailedEventAttributes.InitiatedEventId);
                    break;
                case EventType.ChildWorkflowExecutionCanceled:
                    run._children.Remove(e.ChildWorkflowExecutionCanceledEventAttributes.InitiatedEventId);
                    break;
                case EventType.ChildWorkflowExecutionTimedOut:
                    run._children.Remove(e.ChildWorkflowExecutionTimedOutEventAttributes.InitiatedEventId);
                    break;
                case EventType.ChildWorkflowExecutionTerminated:
                    run._children.Remove(e.ChildWorkflowExecutionTerminatedEventAttributes.InitiatedEventId);
                    break;
                case EventType.WorkflowExecutionUpdateAccepted:
                    var accepted = e.WorkflowExecutionUpdateAcceptedEventAttributes;
                    var update = new PendingUpdate(accepted.ProtocolInstanceId, accepted.AcceptedRequest)
                    {
                        Stage = UpdateWorkflowExecutionLifecycleStage.Accepted,
                        AcceptedEventId = e.EventId,
                        Delivered = true,
                    };
                    update.Accepted.TrySetResult();
                    run._updates[update.Id] = update;
                    break;
                case EventType.WorkflowExecutionUpdateCompleted:
                    var done = e.WorkflowExecutionUpdateCompletedEventAttributes;
                    if (run._updates.TryGetValue(done.Meta.UpdateId, out var open))
                    {
                        open.Outcome = done.Outcome;
                        open.Stage = UpdateWorkflowExecutionLifecycleStage.Completed;
                        open.Completed.TrySetResult();
                    }

                    break;
                case EventType.WorkflowExecutionCancelRequested:
                    run._cancelRequested = true;
                    break;
                case EventType.UpsertWorkflowSearchAttributes:
                    Merge(run.SearchAttributes, e.UpsertWorkflowSearchAttributesEventAttributes.SearchAttributes?.IndexedFields);
                    run._context.RegisterSearchAttributes(run.SearchAttributes);
                    break;
                case EventType.WorkflowPropertiesModified:
                    Merge(run.Memo, e.WorkflowPropertiesModifiedEventAttributes.UpsertedMemo?.Fields);
                    break;
                default:
                    if (ClosedStatus(e.EventType) is { } status)
                    {
                        run._status = status;
                        run.CloseTime = e.EventTime.ToDateTime();
                        run._workflowTask = WorkflowTaskState.None;
                        run._activities.Clear();
                        run._activityIds.Clear();
                        run._children.Clear();
                        _timers.Clear();
                        foreach (var pending in run._updates.Values.Where(u => u.Stage != UpdateWorkflowExecutionLifecycleStage.Completed))
                        {
                            pending.Outcome = new Outcome { Failure = AcceptedUpdateCompletedWorkflowFailure() };
                            pending.Stage = UpdateWorkflowExecutionLifecycleStage.Completed;
                            pending.Completed.TrySetResult();
                        }
                    }

                    break;
            }
        }

        /// <summary>Re-arms timers, the workflow task and activities; runs under the run's lock.</summary>
        public void Resume()
        {
            foreach (var (timerId, (startedEventId, due)) in _timers)
            {
                var scheduled = run._context.Clock.Schedule(due, () => run.Locked(() => run.FireTimer(timerId, startedEventId)));
                run._timers[timerId] = (startedEventId, scheduled);
            }

            foreach (var activity in run._activities.Values)
            {
                run.ResumeActivity(activity);
            }

            var state = run._workflowTask;
            run._workflowTask = WorkflowTaskState.None;
            if (state == WorkflowTaskState.Scheduled)
            {
                run.SetWorkflowTask(WorkflowTaskState.Scheduled);
                run._context.TaskQueues.Workflow(run.Namespace, run.TaskQueueName).Enqueue(new WorkflowTaskItem(run, run._taskScheduledEventId));
            }
            else if (state == WorkflowTaskState.Started)
            {
                // The worker that holds the task may still complete it with its token; if not, it times out as on the server.
                run.SetWorkflowTask(WorkflowTaskState.Started);
                var scheduledId = run._taskScheduledEventId;
                run._taskTimeoutTimer = run._context.Clock.Schedule(
                    _taskStartedTime + run.WorkflowTaskTimeout, () => run.Locked(() => run.OnWorkflowTaskTimeout(scheduledId)));
            }
            else if (!_anyWorkflowTask && run.Started.FirstWorkflowTaskBackoff?.ToTimeSpan() is { } backoff && backoff > TimeSpan.Zero)
            {
                run._firstTaskBackoff = true;
                run._context.Clock.Schedule(run.StartTime + backoff, () => run.Locked(() =>
                {
                    run._firstTaskBackoff = false;
                    run.ScheduleWorkflowTask();
                }));
            }
            else if (run.FlushBuffered() || !_anyWorkflowTask)
            {
                run.ScheduleWorkflowTask();
            }
        }

        /// <summary>Restores the links a buffered event's writer would have set: the started event its outcome points at.</summary>
        public void Relink(HistoryEvent e)
        {
            var previous = run._history.Count >= 2 ? run._history.At(run._history.Count - 1) : null;
            var startedId = previous?.EventType == EventType.ActivityTaskStarted ? previous.EventId : 0;
            switch (e.EventType)
            {
                case EventType.ActivityTaskCompleted:
                    e.ActivityTaskCompletedEventAttributes.StartedEventId = startedId;
                    break;
                case EventType.ActivityTaskFailed:
                    e.ActivityTaskFailedEventAttributes.StartedEventId = startedId;
                    break;
                case EventType.ActivityTaskTimedOut:
                    e.ActivityTaskTimedOutEventAttributes.StartedEventId = startedId;
                    break;
                case EventType.ActivityTaskCanceled:
                    e.ActivityTaskCanceledEventAttributes.StartedEventId = startedId;
                    break;
                default:
                    break;
            }

            Apply(e);
        }

        private void ForgetActivity(long scheduledEventId)
        {
            if (run._activities.Remove(scheduledEventId, out var activity))
            {
                run._activityIds.Remove(activity.Attributes.ActivityId);
            }
        }

        private static WorkflowExecutionStatus? ClosedStatus(EventType type) => type switch
        {
            EventType.WorkflowExecutionCompleted => WorkflowExecutionStatus.Completed,
            EventType.WorkflowExecutionFailed => WorkflowExecutionStatus.Failed,
            EventType.WorkflowExecutionCanceled => WorkflowExecutionStatus.Canceled,
            EventType.WorkflowExecutionTerminated => WorkflowExecutionStatus.Terminated,
            EventType.WorkflowExecutionContinuedAsNew => WorkflowExecutionStatus.ContinuedAsNew,
            EventType.WorkflowExecutionTimedOut => WorkflowExecutionStatus.TimedOut,
            _ => null,
        };
    }
}
