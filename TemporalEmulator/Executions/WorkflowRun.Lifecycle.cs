using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    private readonly HashSet<string> _signalRequestIds = [];

    private bool _cancelRequested;

    private void CompleteExecution(Payloads? result, long completedEventId)
    {
        var completed = NewEvent(EventType.WorkflowExecutionCompleted);
        var next = CronRun(result, null);
        completed.WorkflowExecutionCompletedEventAttributes = new WorkflowExecutionCompletedEventAttributes
        {
            Result = result,
            WorkflowTaskCompletedEventId = completedEventId,
            NewExecutionRunId = next?.RunId ?? string.Empty,
        };
        Close(completed, WorkflowExecutionStatus.Completed, next);
    }

    private void FailExecution(Failure failure, long completedEventId)
    {
        var failed = NewEvent(EventType.WorkflowExecutionFailed);
        var attributes = new WorkflowExecutionFailedEventAttributes
        {
            Failure = failure,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        failed.WorkflowExecutionFailedEventAttributes = attributes;
        var (next, state) = RetryRun(failure);
        next ??= CronRun(Started.LastCompletionResult, failure);
        attributes.RetryState = state;
        attributes.NewExecutionRunId = next?.RunId ?? string.Empty;
        Close(failed, WorkflowExecutionStatus.Failed, next);
    }

    private void CancelExecution(Payloads? details, long completedEventId)
    {
        var canceled = NewEvent(EventType.WorkflowExecutionCanceled);
        canceled.WorkflowExecutionCanceledEventAttributes = new WorkflowExecutionCanceledEventAttributes
        {
            Details = details,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        Close(canceled, WorkflowExecutionStatus.Canceled, null);
    }

    private void ContinueAsNew(ContinueAsNewWorkflowExecutionCommandAttributes command, long completedEventId)
    {
        var attributes = NextRunAttributes(ContinueAsNewInitiator.Workflow);
        attributes.WorkflowType = command.WorkflowType is { Name.Length: > 0 } type ? type : Started.WorkflowType;
        attributes.TaskQueue = command.TaskQueue is { Name.Length: > 0 } queue ? queue : Started.TaskQueue;
        attributes.Input = command.Input;
        attributes.WorkflowRunTimeout = Positive(command.WorkflowRunTimeout) ?? Started.WorkflowRunTimeout;
        attributes.WorkflowTaskTimeout = Positive(command.WorkflowTaskTimeout) ?? Started.WorkflowTaskTimeout;
        attributes.FirstWorkflowTaskBackoff = Positive(command.BackoffStartInterval);
        attributes.LastCompletionResult = command.LastCompletionResult;
        attributes.ContinuedFailure = command.Failure;
        attributes.Header = command.Header;
        attributes.Memo = command.Memo ?? CurrentMemo();
        attributes.SearchAttributes = command.SearchAttributes ?? CurrentSearchAttributes();
        attributes.RetryPolicy = command.RetryPolicy ?? Started.RetryPolicy;
        attributes.Attempt = 1;
        attributes.FirstExecutionRunId = Started.FirstExecutionRunId;
        var next = StartNextRun(attributes);

        var continued = NewEvent(EventType.WorkflowExecutionContinuedAsNew);
        continued.WorkflowExecutionContinuedAsNewEventAttributes = new WorkflowExecutionContinuedAsNewEventAttributes
        {
            NewExecutionRunId = next.RunId,
            WorkflowType = attributes.WorkflowType,
            TaskQueue = attributes.TaskQueue,
            Input = attributes.Input,
            WorkflowRunTimeout = attributes.WorkflowRunTimeout,
            WorkflowTaskTimeout = attributes.WorkflowTaskTimeout,
            WorkflowTaskCompletedEventId = completedEventId,
            BackoffStartInterval = attributes.FirstWorkflowTaskBackoff,
            Initiator = ContinueAsNewInitiator.Workflow,
            Failure = command.Failure,
            LastCompletionResult = command.LastCompletionResult,
            Header = command.Header,
            Memo = attributes.Memo,
            SearchAttributes = attributes.SearchAttributes,
        };
        Close(continued, WorkflowExecutionStatus.ContinuedAsNew, next);
    }

    public void Terminate(string reason, string identity, Payloads? details = null) => Locked(() =>
    {
        if (!IsRunning)
        {
            throw Frontend.RpcErrors.NotFound("workflow execution already completed");
        }

        var terminated = NewEvent(EventType.WorkflowExecutionTerminated);
        terminated.WorkflowExecutionTerminatedEventAttributes = new WorkflowExecutionTerminatedEventAttributes
        {
            Reason = reason,
            Identity = identity,
            Details = details,
        };
        Close(terminated, WorkflowExecutionStatus.Terminated, null);
    });

    /// <summary>
    /// Records a cancellation request. Like the server, a request for a run that has already closed succeeds and
    /// changes nothing; the result says whether the run was still open.
    /// </summary>
    public bool RequestCancel(string identity, string reason, WorkflowRun? externalExecution, long externalInitiatedEventId) => Locked(() =>
    {
        if (!IsRunning)
        {
            return false;
        }

        if (_cancelRequested)
        {
            return true;
        }

        _cancelRequested = true;
        var requested = NewEvent(EventType.WorkflowExecutionCancelRequested);
        requested.WorkflowExecutionCancelRequestedEventAttributes = new WorkflowExecutionCancelRequestedEventAttributes
        {
            Cause = reason,
            Identity = identity,
            ExternalInitiatedEventId = externalInitiatedEventId,
            ExternalWorkflowExecution = externalExecution?.Execution,
        };
        WriteExternal(requested);
        return true;
    });

    public void Signal(WorkflowExecutionSignaledEventAttributes signal, string? requestId = null) => Locked(() =>
    {
        // A retried signal carries the same request id: the server records it once.
        if (!string.IsNullOrEmpty(requestId) && _signalRequestIds.Contains(requestId))
        {
            return;
        }

        if (!IsRunning)
        {
            throw Frontend.RpcErrors.NotFound("workflow execution already completed");
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            _signalRequestIds.Add(requestId);
        }

        var signaled = NewEvent(EventType.WorkflowExecutionSignaled);
        signaled.WorkflowExecutionSignaledEventAttributes = signal;
        WriteExternal(signaled);
    });

    private void OnRunTimeout()
    {
        if (!IsRunning)
        {
            return;
        }

        var timedOut = NewEvent(EventType.WorkflowExecutionTimedOut);
        var attributes = new WorkflowExecutionTimedOutEventAttributes();
        timedOut.WorkflowExecutionTimedOutEventAttributes = attributes;
        var failure = new Failure
        {
            Message = "workflow timed out",
            TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = TimeoutType.StartToClose },
        };
        var (next, state) = RetryRun(failure);
        next ??= CronRun(Started.LastCompletionResult, failure);
        attributes.RetryState = state;
        attributes.NewExecutionRunId = next?.RunId ?? string.Empty;
        Close(timedOut, WorkflowExecutionStatus.TimedOut, next);
    }

    /// <summary>Starts the retry run if the workflow's retry policy allows one.</summary>
    private (WorkflowRun? Next, RetryState State) RetryRun(Failure failure)
    {
        if (Started.RetryPolicy is null)
        {
            return (null, RetryState.RetryPolicyNotSet);
        }

        var policy = RetryPolicies.WithDefaults(Started.RetryPolicy);
        DateTime? deadline = Started.WorkflowExecutionExpirationTime?.ToDateTime();
        var (delay, state) = RetryPolicies.Next(policy, Started.Attempt, failure, Now, deadline);
        if (delay is null)
        {
            return (null, state);
        }

        var attributes = NextRunAttributes(ContinueAsNewInitiator.Retry);
        attributes.Attempt = Started.Attempt + 1;
        attributes.FirstWorkflowTaskBackoff = Duration.FromTimeSpan(delay.Value);
        attributes.ContinuedFailure = failure;
        return (StartNextRun(attributes), state);
    }

    /// <summary>Starts the next scheduled run of a cron workflow; null for other workflows.</summary>
    private WorkflowRun? CronRun(Payloads? lastCompletionResult, Failure? failure)
    {
        if (string.IsNullOrEmpty(Started.CronSchedule) || !CronSchedule.TryParse(Started.CronSchedule, out var schedule))
        {
            return null;
        }

        var now = Now;
        var attributes = NextRunAttributes(ContinueAsNewInitiator.CronSchedule);
        attributes.Attempt = 1;
        attributes.FirstWorkflowTaskBackoff = Duration.FromTimeSpan(schedule!.Next(now) - now);
        attributes.LastCompletionResult = lastCompletionResult;
        attributes.ContinuedFailure = failure;
        return StartNextRun(attributes, now);
    }

    /// <summary>The next run's start attributes: same workflow, same parent, same expiry.</summary>
    private WorkflowExecutionStartedEventAttributes NextRunAttributes(ContinueAsNewInitiator initiator)
    {
        var next = Started.Clone();
        next.ContinuedExecutionRunId = RunId;
        next.Initiator = initiator;
        next.OriginalExecutionRunId = string.Empty;
        next.FirstWorkflowTaskBackoff = null;
        next.ContinuedFailure = null;
        next.LastCompletionResult = null;
        next.Memo = CurrentMemo();
        next.SearchAttributes = CurrentSearchAttributes();
        return next;
    }

    private WorkflowRun StartNextRun(WorkflowExecutionStartedEventAttributes attributes, DateTime? startTime = null)
    {
        var start = new StartWorkflow(Namespace, WorkflowId, Guid.NewGuid().ToString(), WorkflowIdReusePolicy.AllowDuplicate,
            WorkflowIdConflictPolicy.Fail, attributes)
        {
            Parent = Parent,
            StartTime = startTime,
        };
        var next = _context.Executions.StartNextRun(_chain, start);

        // Nesting this run's lock over the new run's is safe: nothing can hold the new run yet and wait for this one.
        next.Begin(null);
        return next;
    }

    private Memo CurrentMemo()
    {
        var memo = new Memo();
        memo.Fields.Add(Memo);
        return memo;
    }

    private SearchAttributes CurrentSearchAttributes()
    {
        var attributes = new SearchAttributes();
        attributes.IndexedFields.Add(SearchAttributes);
        return attributes;
    }

    /// <summary>Writes the closing event and releases everything the run held.</summary>
    private void Close(HistoryEvent closeEvent, WorkflowExecutionStatus status, WorkflowRun? next)
    {
        Write(closeEvent);
        _status = status;
        CloseTime = Now;
        _runTimeoutTimer?.Cancel();
        _taskTimeoutTimer?.Cancel();
        _buffered.Clear();
        _bufferedVersion++;
        SetWorkflowTask(WorkflowTaskState.None);
        CloseTimers();
        CloseActivities();
        CloseUpdates(next is not null);
        DispatchQueries();
        CloseChildren();
        if (next is null && Parent is { } parent)
        {
            Defer(() => parent.Parent.OnChildClosed(parent.InitiatedEventId, this, closeEvent));
        }

        _history.Compact();
        _context.Executions.Closed(this, CloseTime.Value);
        _closed.TrySetResult();
    }
}
