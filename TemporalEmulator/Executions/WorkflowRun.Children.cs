using Grpc.Core;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    private readonly Dictionary<long, PendingChild> _children = [];

    private void StartChild(StartChildWorkflowExecutionCommandAttributes command, long completedEventId, Temporalio.Api.Sdk.V1.UserMetadata? userMetadata)
    {
        var @namespace = string.IsNullOrEmpty(command.Namespace) ? Namespace : command.Namespace;
        var taskQueue = command.TaskQueue is { Name.Length: > 0 } queue ? queue : Started.TaskQueue;
        var initiated = NewEvent(EventType.StartChildWorkflowExecutionInitiated);
        initiated.StartChildWorkflowExecutionInitiatedEventAttributes = new StartChildWorkflowExecutionInitiatedEventAttributes
        {
            Namespace = @namespace,
            WorkflowId = command.WorkflowId,
            WorkflowType = command.WorkflowType,
            TaskQueue = taskQueue,
            Input = command.Input,
            WorkflowExecutionTimeout = command.WorkflowExecutionTimeout,
            WorkflowRunTimeout = command.WorkflowRunTimeout,
            WorkflowTaskTimeout = command.WorkflowTaskTimeout,
            ParentClosePolicy = command.ParentClosePolicy,
            Control = command.Control,
            WorkflowTaskCompletedEventId = completedEventId,
            WorkflowIdReusePolicy = command.WorkflowIdReusePolicy,
            RetryPolicy = command.RetryPolicy,
            CronSchedule = command.CronSchedule,
            Header = command.Header,
            Memo = command.Memo,
            SearchAttributes = command.SearchAttributes,
            Priority = command.Priority,
        };
        Write(initiated);
        var initiatedId = initiated.EventId;
        _children[initiatedId] = new PendingChild(initiatedId, @namespace, command.WorkflowId, command.WorkflowType.Name,
            command.ParentClosePolicy == ParentClosePolicy.Unspecified ? ParentClosePolicy.Terminate : command.ParentClosePolicy);

        LaunchChild(initiated, userMetadata);
    }

    /// <summary>Starts the child an Initiated event describes, once this run's lock is released.</summary>
    private void LaunchChild(HistoryEvent initiatedEvent, Temporalio.Api.Sdk.V1.UserMetadata? userMetadata)
    {
        var initiated = initiatedEvent.StartChildWorkflowExecutionInitiatedEventAttributes;
        var initiatedId = initiatedEvent.EventId;
        var attributes = StartAttributes.Build(Now, new WorkflowStartSpec(
            initiated.WorkflowId, initiated.WorkflowType, initiated.TaskQueue, initiated.Input, initiated.WorkflowExecutionTimeout,
            initiated.WorkflowRunTimeout, initiated.WorkflowTaskTimeout, initiated.RetryPolicy, initiated.CronSchedule, initiated.Memo,
            initiated.SearchAttributes, initiated.Header, initiated.Priority));
        attributes.ParentWorkflowNamespace = Namespace;
        attributes.ParentWorkflowExecution = Execution;
        attributes.ParentInitiatedEventId = initiatedId;
        attributes.RootWorkflowExecution = Started.RootWorkflowExecution ?? Execution;

        var start = new StartWorkflow(initiated.Namespace, initiated.WorkflowId, $"{RunId}/{initiatedId}",
            initiated.WorkflowIdReusePolicy, WorkflowIdConflictPolicy.Fail, attributes)
        {
            Parent = new ParentLink(this, initiatedId),
            UserMetadata = userMetadata,
        };
        Defer(() =>
        {
            WorkflowRun? child = null;
            try
            {
                child = _context.Executions.Start(start).Execution;
            }
            catch (RpcException)
            {
            }

            Locked(() =>
            {
                if (child is null)
                {
                    OnChildStartFailed(initiatedId);
                }
                else
                {
                    OnChildStarted(initiatedId, child);
                }
            });
        });
    }

    /// <summary>
    /// After a restart, finishes what the emulator may have stopped in the middle of: a child that was initiated but
    /// not started is started now (or found, if it was), and a child that closed is reported.
    /// </summary>
    public void ResumeChildren() => Locked(() =>
    {
        foreach (var child in _children.Values.ToList())
        {
            var current = _context.Executions.Find(child.Namespace, child.WorkflowId, null);
            var ours = current?.Parent is { } link && ReferenceEquals(link.Parent, this) && link.InitiatedEventId == child.InitiatedEventId;
            if (!ours)
            {
                if (!child.Started)
                {
                    var initiated = _history.At(child.InitiatedEventId);
                    LaunchChild(initiated, initiated.UserMetadata);
                }

                continue;
            }

            if (current!.IsRunning)
            {
                OnChildStarted(child.InitiatedEventId, current);
            }
            else if (current.CloseEvent is { } closeEvent)
            {
                var (initiatedId, closed) = (child.InitiatedEventId, current);
                Defer(() => OnChildClosed(initiatedId, closed, closeEvent));
            }
        }
    });

    private void OnChildStartFailed(long initiatedEventId)
    {
        if (!_children.Remove(initiatedEventId, out var child))
        {
            return;
        }

        var failed = NewEvent(EventType.StartChildWorkflowExecutionFailed);
        failed.StartChildWorkflowExecutionFailedEventAttributes = new StartChildWorkflowExecutionFailedEventAttributes
        {
            Namespace = child.Namespace,
            WorkflowId = child.WorkflowId,
            WorkflowType = new WorkflowType { Name = child.WorkflowType },
            Cause = StartChildWorkflowExecutionFailedCause.WorkflowAlreadyExists,
            InitiatedEventId = initiatedEventId,
        };
        WriteExternal(failed);
    }

    private void OnChildStarted(long initiatedEventId, WorkflowRun execution)
    {
        if (!_children.TryGetValue(initiatedEventId, out var child) || child.Started)
        {
            return;
        }

        child.Started = true;
        child.RunId = execution.RunId;
        var started = NewEvent(EventType.ChildWorkflowExecutionStarted);
        started.ChildWorkflowExecutionStartedEventAttributes = new ChildWorkflowExecutionStartedEventAttributes
        {
            Namespace = child.Namespace,
            InitiatedEventId = initiatedEventId,
            WorkflowExecution = execution.Execution,
            WorkflowType = new WorkflowType { Name = child.WorkflowType },
            Header = execution.Started.Header,
        };
        WriteExternal(started, e => child.StartedEventId = e.EventId);
    }

    /// <summary>Called by a child's last run when it closes; writes the matching Child* event.</summary>
    public void OnChildClosed(long initiatedEventId, WorkflowRun execution, HistoryEvent closeEvent) => Locked(() =>
    {
        if (!IsRunning)
        {
            return;
        }

        OnChildStarted(initiatedEventId, execution);
        if (!_children.Remove(initiatedEventId, out var child))
        {
            return;
        }

        var ns = child.Namespace;
        var run = execution.Execution;
        var type = new WorkflowType { Name = execution.WorkflowTypeName };
        HistoryEvent result;
        Action<HistoryEvent> link;
        switch (closeEvent.EventType)
        {
            case EventType.WorkflowExecutionCompleted:
                result = NewEvent(EventType.ChildWorkflowExecutionCompleted);
                result.ChildWorkflowExecutionCompletedEventAttributes = new ChildWorkflowExecutionCompletedEventAttributes
                {
                    Result = closeEvent.WorkflowExecutionCompletedEventAttributes.Result,
                    Namespace = ns, WorkflowExecution = run, WorkflowType = type, InitiatedEventId = initiatedEventId,
                };
                link = e => e.ChildWorkflowExecutionCompletedEventAttributes.StartedEventId = child.StartedEventId;
                break;
            case EventType.WorkflowExecutionFailed:
                result = NewEvent(EventType.ChildWorkflowExecutionFailed);
                result.ChildWorkflowExecutionFailedEventAttributes = new ChildWorkflowExecutionFailedEventAttributes
                {
                    Failure = closeEvent.WorkflowExecutionFailedEventAttributes.Failure,
                    RetryState = closeEvent.WorkflowExecutionFailedEventAttributes.RetryState,
                    Namespace = ns, WorkflowExecution = run, WorkflowType = type, InitiatedEventId = initiatedEventId,
                };
                link = e => e.ChildWorkflowExecutionFailedEventAttributes.StartedEventId = child.StartedEventId;
                break;
            case EventType.WorkflowExecutionCanceled:
                result = NewEvent(EventType.ChildWorkflowExecutionCanceled);
                result.ChildWorkflowExecutionCanceledEventAttributes = new ChildWorkflowExecutionCanceledEventAttributes
                {
                    Details = closeEvent.WorkflowExecutionCanceledEventAttributes.Details,
                    Namespace = ns, WorkflowExecution = run, WorkflowType = type, InitiatedEventId = initiatedEventId,
                };
                link = e => e.ChildWorkflowExecutionCanceledEventAttributes.StartedEventId = child.StartedEventId;
                break;
            case EventType.WorkflowExecutionTimedOut:
                result = NewEvent(EventType.ChildWorkflowExecutionTimedOut);
                result.ChildWorkflowExecutionTimedOutEventAttributes = new ChildWorkflowExecutionTimedOutEventAttributes
                {
                    RetryState = closeEvent.WorkflowExecutionTimedOutEventAttributes.RetryState,
                    Namespace = ns, WorkflowExecution = run, WorkflowType = type, InitiatedEventId = initiatedEventId,
                };
                link = e => e.ChildWorkflowExecutionTimedOutEventAttributes.StartedEventId = child.StartedEventId;
                break;
            default:
                result = NewEvent(EventType.ChildWorkflowExecutionTerminated);
                result.ChildWorkflowExecutionTerminatedEventAttributes = new ChildWorkflowExecutionTerminatedEventAttributes
                {
                    Namespace = ns, WorkflowExecution = run, WorkflowType = type, InitiatedEventId = initiatedEventId,
                };
                link = e => e.ChildWorkflowExecutionTerminatedEventAttributes.StartedEventId = child.StartedEventId;
                break;
        }

        WriteExternal(result, link);
    });

    /// <summary>Applies each open child's parent close policy once this run has closed.</summary>
    private void CloseChildren()
    {
        foreach (var child in _children.Values)
        {
            if (!child.Started || child.ClosePolicy == ParentClosePolicy.Abandon)
            {
                continue;
            }

            var (ns, workflowId, policy) = (child.Namespace, child.WorkflowId, child.ClosePolicy);
            Defer(() =>
            {
                var current = _context.Executions.Find(ns, workflowId, null);
                if (current is null || !current.IsRunning)
                {
                    return;
                }

                try
                {
                    if (policy == ParentClosePolicy.RequestCancel)
                    {
                        current.RequestCancel("parent", "by parent close policy", null, 0);
                    }
                    else
                    {
                        current.Terminate("by parent close policy", "parent");
                    }
                }
                catch (RpcException)
                {
                }
            });
        }

        _children.Clear();
    }

    private void SignalExternal(SignalExternalWorkflowExecutionCommandAttributes command, long completedEventId)
    {
        var @namespace = string.IsNullOrEmpty(command.Namespace) ? Namespace : command.Namespace;
        var initiated = NewEvent(EventType.SignalExternalWorkflowExecutionInitiated);
        initiated.SignalExternalWorkflowExecutionInitiatedEventAttributes = new SignalExternalWorkflowExecutionInitiatedEventAttributes
        {
            Namespace = @namespace,
            WorkflowExecution = command.Execution,
            SignalName = command.SignalName,
            Input = command.Input,
            Control = command.Control,
            ChildWorkflowOnly = command.ChildWorkflowOnly,
            Header = command.Header,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        Write(initiated);
        var initiatedId = initiated.EventId;
        var signal = new WorkflowExecutionSignaledEventAttributes
        {
            SignalName = command.SignalName,
            Input = command.Input,
            Header = command.Header,
            Identity = $"workflow {WorkflowId}",
            ExternalWorkflowExecution = Execution,
        };
        Defer(() =>
        {
            var target = _context.Executions.Find(@namespace, command.Execution.WorkflowId, command.Execution.RunId);
            var delivered = false;
            try
            {
                if (target is not null)
                {
                    target.Signal(signal);
                    delivered = true;
                }
            }
            catch (RpcException)
            {
            }

            Locked(() =>
            {
                HistoryEvent outcome;
                if (delivered)
                {
                    outcome = NewEvent(EventType.ExternalWorkflowExecutionSignaled);
                    outcome.ExternalWorkflowExecutionSignaledEventAttributes = new ExternalWorkflowExecutionSignaledEventAttributes
                    {
                        InitiatedEventId = initiatedId,
                        Namespace = @namespace,
                        WorkflowExecution = target!.Execution,
                        Control = command.Control,
                    };
                }
                else
                {
                    outcome = NewEvent(EventType.SignalExternalWorkflowExecutionFailed);
                    outcome.SignalExternalWorkflowExecutionFailedEventAttributes = new SignalExternalWorkflowExecutionFailedEventAttributes
                    {
                        Cause = SignalExternalWorkflowExecutionFailedCause.ExternalWorkflowExecutionNotFound,
                        InitiatedEventId = initiatedId,
                        Namespace = @namespace,
                        WorkflowExecution = command.Execution,
                        Control = command.Control,
                    };
                }

                WriteExternal(outcome);
            });
        });
    }

    private void RequestCancelExternal(RequestCancelExternalWorkflowExecutionCommandAttributes command, long completedEventId)
    {
        var @namespace = string.IsNullOrEmpty(command.Namespace) ? Namespace : command.Namespace;
        var execution = new WorkflowExecution { WorkflowId = command.WorkflowId, RunId = command.RunId };
        var initiated = NewEvent(EventType.RequestCancelExternalWorkflowExecutionInitiated);
        initiated.RequestCancelExternalWorkflowExecutionInitiatedEventAttributes = new RequestCancelExternalWorkflowExecutionInitiatedEventAttributes
        {
            Namespace = @namespace,
            WorkflowExecution = execution,
            Control = command.Control,
            ChildWorkflowOnly = command.ChildWorkflowOnly,
            Reason = command.Reason,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        Write(initiated);
        var initiatedId = initiated.EventId;
        Defer(() =>
        {
            var target = _context.Executions.Find(@namespace, command.WorkflowId, command.RunId);
            var delivered = false;
            try
            {
                if (target is not null)
                {
                    target.RequestCancel($"workflow {WorkflowId}", command.Reason, this, initiatedId);
                    delivered = true;
                }
            }
            catch (RpcException)
            {
            }

            Locked(() =>
            {
                HistoryEvent outcome;
                if (delivered)
                {
                    outcome = NewEvent(EventType.ExternalWorkflowExecutionCancelRequested);
                    outcome.ExternalWorkflowExecutionCancelRequestedEventAttributes = new ExternalWorkflowExecutionCancelRequestedEventAttributes
                    {
                        InitiatedEventId = initiatedId,
                        Namespace = @namespace,
                        WorkflowExecution = target!.Execution,
                    };
                }
                else
                {
                    outcome = NewEvent(EventType.RequestCancelExternalWorkflowExecutionFailed);
                    outcome.RequestCancelExternalWorkflowExecutionFailedEventAttributes = new RequestCancelExternalWorkflowExecutionFailedEventAttributes
                    {
                        Cause = CancelExternalWorkflowExecutionFailedCause.ExternalWorkflowExecutionNotFound,
                        InitiatedEventId = initiatedId,
                        Namespace = @namespace,
                        WorkflowExecution = execution,
                        Control = command.Control,
                    };
                }

                WriteExternal(outcome);
            });
        });
    }
}
