using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Workflow.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    public DescribeWorkflowExecutionResponse Describe() => Locked(() =>
    {
        var response = new DescribeWorkflowExecutionResponse
        {
            ExecutionConfig = new WorkflowExecutionConfig
            {
                TaskQueue = Started.TaskQueue,
                WorkflowExecutionTimeout = Started.WorkflowExecutionTimeout,
                WorkflowRunTimeout = Started.WorkflowRunTimeout,
                DefaultWorkflowTaskTimeout = Started.WorkflowTaskTimeout,
                UserMetadata = UserMetadata,
            },
            WorkflowExecutionInfo = InfoUnlocked(),
        };
        foreach (var activity in _activities.Values)
        {
            var info = new PendingActivityInfo
            {
                ActivityId = activity.Attributes.ActivityId,
                ActivityType = activity.Attributes.ActivityType,
                State = activity switch
                {
                    { CancelRequested: true } => PendingActivityState.CancelRequested,
                    { Paused: true, Phase: PendingActivityPhase.Started } => PendingActivityState.PauseRequested,
                    { Paused: true } => PendingActivityState.Paused,
                    { Phase: PendingActivityPhase.Started } => PendingActivityState.Started,
                    _ => PendingActivityState.Scheduled,
                },
                Paused = activity.Paused,
                ActivityOptions = ActivityOptionsOf(activity.Attributes),
                HeartbeatDetails = activity.HeartbeatDetails,
                // Waiting out a backoff, the server already counts the attempt to come.
                Attempt = activity.Phase == PendingActivityPhase.Backoff ? activity.Attempt + 1 : activity.Attempt,
                MaximumAttempts = activity.Attributes.RetryPolicy.MaximumAttempts,
                ScheduledTime = Timestamp.FromDateTime(activity.AttemptScheduledTime),
                LastFailure = activity.LastFailure,
                LastWorkerIdentity = activity.WorkerIdentity ?? string.Empty,
            };
            if (activity.Phase == PendingActivityPhase.Backoff && activity.NextAttemptTime is { } next)
            {
                info.NextAttemptScheduleTime = Timestamp.FromDateTime(next);
            }

            if (activity.LastHeartbeatTime is { } heartbeat)
            {
                info.LastHeartbeatTime = Timestamp.FromDateTime(heartbeat);
            }

            if (activity.StartedTime is { } started)
            {
                info.LastStartedTime = Timestamp.FromDateTime(started);
            }

            if (activity.Expiration is { } expiration)
            {
                info.ExpirationTime = Timestamp.FromDateTime(expiration);
            }

            response.PendingActivities.Add(info);
        }

        foreach (var child in _children.Values)
        {
            response.PendingChildren.Add(new PendingChildExecutionInfo
            {
                WorkflowId = child.WorkflowId,
                RunId = child.RunId,
                WorkflowTypeName = child.WorkflowType,
                InitiatedId = child.InitiatedEventId,
                ParentClosePolicy = child.ClosePolicy,
            });
        }

        if (_workflowTask != WorkflowTaskState.None)
        {
            response.PendingWorkflowTask = new PendingWorkflowTaskInfo
            {
                State = _workflowTask == WorkflowTaskState.Started ? PendingWorkflowTaskState.Started : PendingWorkflowTaskState.Scheduled,
                ScheduledTime = Timestamp.FromDateTime(_taskScheduledTime),
                Attempt = _taskAttempt,
            };
        }

        return response;
    });

    /// <summary>The summary that describe and list calls return.</summary>
    public WorkflowExecutionInfo Info() => Locked(InfoUnlocked);

    private WorkflowExecutionInfo InfoUnlocked()
    {
        var info = new WorkflowExecutionInfo
        {
            Execution = Execution,
            Type = Started.WorkflowType,
            StartTime = Timestamp.FromDateTime(StartTime),
            Status = Status,
            HistoryLength = _history.Count,
            ExecutionTime = Timestamp.FromDateTime(ExecutionTime),
            Memo = CurrentMemo(),
            SearchAttributes = CurrentSearchAttributes(),
            TaskQueue = TaskQueueName,
            StateTransitionCount = _history.Count,
            FirstRunId = Started.FirstExecutionRunId,
            Priority = Started.Priority,
            MostRecentWorkerVersionStamp = _mostRecentWorkerVersion,
            WorkerDeploymentName = _workerDeploymentName,
        };
        if (CloseTime is { } closed)
        {
            info.CloseTime = Timestamp.FromDateTime(closed);
        }

        if (Started.ParentWorkflowExecution is { } parent)
        {
            info.ParentExecution = parent;
            info.ParentNamespaceId = Started.ParentWorkflowNamespace;
        }

        if (Started.RootWorkflowExecution is { } root)
        {
            info.RootExecution = root;
        }

        return info;
    }
}
