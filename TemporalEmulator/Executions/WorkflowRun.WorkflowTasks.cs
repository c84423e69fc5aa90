using Agentic.Emulator.Frontend;
using Agentic.Emulator.TaskQueues;
using Agentic.Emulator.Time;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    private WorkflowTaskState _workflowTask;
    private long _taskScheduledEventId;
    private long _taskStartedEventId;
    private long _lastCompletedStartedEventId;
    private int _taskAttempt = 1;
    private DateTime _taskScheduledTime;
    private ScheduledTimer? _taskTimeoutTimer;
    private string? _stickyQueue;
    private TimeSpan _stickyTimeout;
    private Temporalio.Api.Common.V1.WorkerVersionStamp? _mostRecentWorkerVersion;
    private string _workerDeploymentName = string.Empty;

    private void SetWorkflowTask(WorkflowTaskState state)
    {
        if ((_workflowTask == WorkflowTaskState.None) != (state == WorkflowTaskState.None))
        {
            _context.TaskOutstanding(state != WorkflowTaskState.None);
        }

        _workflowTask = state;
    }

    private void ScheduleWorkflowTask()
    {
        if (!IsRunning || _workflowTask != WorkflowTaskState.None || _firstTaskBackoff)
        {
            return;
        }

        var scheduled = NewEvent(EventType.WorkflowTaskScheduled);
        scheduled.WorkflowTaskScheduledEventAttributes = new WorkflowTaskScheduledEventAttributes
        {
            TaskQueue = Started.TaskQueue,
            StartToCloseTimeout = Duration.FromTimeSpan(WorkflowTaskTimeout),
            Attempt = _taskAttempt,
        };
        Write(scheduled);
        _taskScheduledEventId = scheduled.EventId;
        _taskScheduledTime = Now;
        SetWorkflowTask(WorkflowTaskState.Scheduled);
        var item = new WorkflowTaskItem(this, scheduled.EventId);
        if (_stickyQueue is { } sticky && !_context.TaskQueues.IsClosedSticky(Namespace, sticky))
        {
            // The worker that has this run cached gets it first, with only the new events; if it does not
            // poll in time, the task goes to the normal queue with the full history.
            _context.TaskQueues.Workflow(Namespace, sticky).Enqueue(item with { Sticky = true });
            var scheduledEventId = scheduled.EventId;
            _context.Clock.After(_stickyTimeout, () => LeaveStickyQueue(scheduledEventId));
            return;
        }

        _stickyQueue = null;
        _context.TaskQueues.Workflow(Namespace, TaskQueueName).Enqueue(item);
    }

    /// <summary>Moves a still-waiting task from the sticky queue to the normal one (timeout, or the sticky worker shut down).</summary>
    public void LeaveStickyQueue(long scheduledEventId) => Locked(() =>
    {
        if (!IsRunning || _workflowTask != WorkflowTaskState.Scheduled || _taskScheduledEventId != scheduledEventId || _stickyQueue is null)
        {
            return;
        }

        _stickyQueue = null;
        _context.TaskQueues.Workflow(Namespace, TaskQueueName).Enqueue(new WorkflowTaskItem(this, scheduledEventId));
    });

    /// <summary>Hands the scheduled workflow task to a poller, or returns null if the item is stale.</summary>
    public PollWorkflowTaskQueueResponse? StartWorkflowTask(WorkflowTaskItem item, string identity, string requestId) => Locked(() =>
    {
        if (item.QueryId != 0)
        {
            return StartQueryTask(item.QueryId);
        }

        if (!IsRunning || _workflowTask != WorkflowTaskState.Scheduled || item.ScheduledEventId != _taskScheduledEventId)
        {
            return null;
        }

        var started = NewEvent(EventType.WorkflowTaskStarted);
        started.WorkflowTaskStartedEventAttributes = new WorkflowTaskStartedEventAttributes
        {
            ScheduledEventId = _taskScheduledEventId,
            Identity = identity,
            RequestId = requestId,
            HistorySizeBytes = _history.SizeBytes,
            // The server's limit.historyCount / historySize.suggestContinueAsNew thresholds.
            SuggestContinueAsNew = _history.Count >= _context.SuggestContinueAsNewAt.Count
                || _history.SizeBytes >= _context.SuggestContinueAsNewAt.SizeBytes,
        };
        Write(started);
        _taskStartedEventId = started.EventId;
        SetWorkflowTask(WorkflowTaskState.Started);
        var scheduledId = _taskScheduledEventId;
        _taskTimeoutTimer = _context.Clock.After(WorkflowTaskTimeout, () => Locked(() => OnWorkflowTaskTimeout(scheduledId)));

        var response = new PollWorkflowTaskQueueResponse
        {
            TaskToken = new TaskToken(RunId, _taskScheduledEventId, _taskAttempt, 0).ToByteString(),
            WorkflowExecution = Execution,
            WorkflowType = Started.WorkflowType,
            PreviousStartedEventId = _lastCompletedStartedEventId,
            StartedEventId = _taskStartedEventId,
            Attempt = _taskAttempt,
            BacklogCountHint = 0,
            History = new History(),
            WorkflowExecutionTaskQueue = Started.TaskQueue,
            ScheduledTime = Timestamp.FromDateTime(_taskScheduledTime),
            StartedTime = started.EventTime,
        };
        if (item.Sticky && _stickyQueue is not null && _lastCompletedStartedEventId > 0)
        {
            response.History.Events.AddRange(_history.From(_lastCompletedStartedEventId + 1));
        }
        else
        {
            response.History.Events.AddRange(_history.All);
        }

        AttachUpdateRequests(response);
        return response;
    });

    /// <summary>Eager workflow start: hands the first workflow task to the starting client's own worker.</summary>
    public PollWorkflowTaskQueueResponse? StartEagerWorkflowTask(string identity)
    {
        long scheduledEventId;
        lock (_sync)
        {
            if (_workflowTask != WorkflowTaskState.Scheduled)
            {
                return null;
            }

            scheduledEventId = _taskScheduledEventId;
        }

        // A poller may take the task first; then there is simply no eager task.
        return StartWorkflowTask(new WorkflowTaskItem(this, scheduledEventId), identity, Guid.NewGuid().ToString());
    }

    public RespondWorkflowTaskCompletedResponse CompleteWorkflowTask(TaskToken token, RespondWorkflowTaskCompletedRequest request) => Locked(() =>
    {
        RequireStartedTask(token);
        if (_buffered.Count > 0 && request.Commands.Any(IsClosingCommand))
        {
            // New events arrived while the task ran; closing now would lose them. Core retries on this exact message.
            FailWorkflowTask(WorkflowTaskFailedCause.UnhandledCommand, null, request.Identity);
            throw RpcErrors.InvalidArgument("UnhandledCommand");
        }

        if (ValidateCommands(request) is { } invalid)
        {
            FailWorkflowTask(invalid.Cause, new Temporalio.Api.Failure.V1.Failure { Message = invalid.Message }, request.Identity);
            throw RpcErrors.InvalidArgument(invalid.Message);
        }

        _taskTimeoutTimer?.Cancel();
        var completed = NewEvent(EventType.WorkflowTaskCompleted);
        completed.WorkflowTaskCompletedEventAttributes = new WorkflowTaskCompletedEventAttributes
        {
            ScheduledEventId = _taskScheduledEventId,
            StartedEventId = _taskStartedEventId,
            Identity = request.Identity,
            BinaryChecksum = request.BinaryChecksum,
            SdkMetadata = request.SdkMetadata,
            MeteringMetadata = request.MeteringMetadata,
            WorkerVersion = request.WorkerVersionStamp,
        };
        RecordDeployment(completed.WorkflowTaskCompletedEventAttributes, request);
        _mostRecentWorkerVersion = request.WorkerVersionStamp ?? _mostRecentWorkerVersion;
        if (completed.WorkflowTaskCompletedEventAttributes.WorkerDeploymentName is { Length: > 0 } deploymentName)
        {
            _workerDeploymentName = deploymentName;
        }

        Write(completed);
        _lastCompletedStartedEventId = _taskStartedEventId;
        _taskAttempt = 1;
        _stickyQueue = request.StickyAttributes?.WorkerTaskQueue?.Name is { Length: > 0 } sticky ? sticky : null;
        _stickyTimeout = request.StickyAttributes?.ScheduleToStartTimeout is { } timeout && timeout.ToTimeSpan() > TimeSpan.Zero
            ? timeout.ToTimeSpan()
            : TimeSpan.FromSeconds(5);

        // Commands run while the task still counts as started: events they cause wait in the buffer.
        var response = new RespondWorkflowTaskCompletedResponse();
        var needsTask = ApplyCommands(request, completed.EventId, response);
        SetWorkflowTask(WorkflowTaskState.None);
        needsTask |= FlushBuffered();
        needsTask |= request.ForceCreateNewWorkflowTask;
        needsTask |= HasUndeliveredUpdates();
        if (IsRunning && needsTask)
        {
            ScheduleWorkflowTask();
        }

        if (IsRunning && _workflowTask == WorkflowTaskState.None)
        {
            DispatchQueries();
        }

        return response;
    });

    /// <summary>
    /// The worker's deployment as the server records it: the deployment name always, the version (name and build
    /// id) and the versioning behaviour only from a worker that opted into versioning.
    /// </summary>
    private static void RecordDeployment(WorkflowTaskCompletedEventAttributes completed, RespondWorkflowTaskCompletedRequest request)
    {
        if (request.DeploymentOptions is not { } options)
        {
            return;
        }

        completed.WorkerDeploymentName = options.DeploymentName;
        if (options.WorkerVersioningMode == WorkerVersioningMode.Versioned
            && options.DeploymentName.Length > 0 && options.BuildId.Length > 0)
        {
            completed.DeploymentVersion = new Temporalio.Api.Deployment.V1.WorkerDeploymentVersion
            {
                DeploymentName = options.DeploymentName,
                BuildId = options.BuildId,
            };
            completed.VersioningBehavior = request.VersioningBehavior;
        }
    }

    public void FailWorkflowTask(TaskToken token, RespondWorkflowTaskFailedRequest request) => Locked(() =>
    {
        RequireStartedTask(token);
        FailWorkflowTask(request.Cause, request.Failure, request.Identity);
    });

    private void RequireStartedTask(TaskToken token)
    {
        if (!IsRunning || _workflowTask != WorkflowTaskState.Started || token.ScheduledEventId != _taskScheduledEventId
            || token.Attempt != _taskAttempt)
        {
            throw RpcErrors.NotFound("Workflow task not found.");
        }
    }

    private void FailWorkflowTask(WorkflowTaskFailedCause cause, Temporalio.Api.Failure.V1.Failure? failure, string identity)
    {
        _taskTimeoutTimer?.Cancel();
        var failed = NewEvent(EventType.WorkflowTaskFailed);
        failed.WorkflowTaskFailedEventAttributes = new WorkflowTaskFailedEventAttributes
        {
            ScheduledEventId = _taskScheduledEventId,
            StartedEventId = _taskStartedEventId,
            Cause = cause,
            Failure = failure,
            Identity = identity,
        };
        Write(failed);
        RetryWorkflowTask(cause != WorkflowTaskFailedCause.UnhandledCommand);
    }

    private void OnWorkflowTaskTimeout(long scheduledEventId)
    {
        if (!IsRunning || _workflowTask != WorkflowTaskState.Started || _taskScheduledEventId != scheduledEventId)
        {
            return;
        }

        var timedOut = NewEvent(EventType.WorkflowTaskTimedOut);
        timedOut.WorkflowTaskTimedOutEventAttributes = new WorkflowTaskTimedOutEventAttributes
        {
            ScheduledEventId = _taskScheduledEventId,
            StartedEventId = _taskStartedEventId,
            TimeoutType = TimeoutType.StartToClose,
        };
        Write(timedOut);
        RetryWorkflowTask(true);
    }

    private void RetryWorkflowTask(bool countAttempt)
    {
        SetWorkflowTask(WorkflowTaskState.None);
        ResetUndeliveredUpdates();

        // A failed task may mean the worker's cached state is wrong: the retry goes out with the full history.
        _stickyQueue = null;
        if (countAttempt)
        {
            _taskAttempt++;
        }

        FlushBuffered();
        ScheduleWorkflowTask();
    }

    private static bool IsClosingCommand(Temporalio.Api.Command.V1.Command command) => command.CommandType
        is CommandType.CompleteWorkflowExecution
        or CommandType.FailWorkflowExecution
        or CommandType.CancelWorkflowExecution
        or CommandType.ContinueAsNewWorkflowExecution;

    public bool HasPendingWorkflowTask
    {
        get
        {
            lock (_sync)
            {
                return _workflowTask != WorkflowTaskState.None;
            }
        }
    }
}
