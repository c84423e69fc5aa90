using Agentic.Emulator.Executions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.Common.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.TaskQueue.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public Task<StartWorkflowExecutionResponse> StartWorkflowExecution(StartWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        var now = context.Clock.UtcNow;
        var attributes = StartedAttributes(
            now,
            request.WorkflowId, request.WorkflowType, request.TaskQueue, request.Input, request.WorkflowExecutionTimeout,
            request.WorkflowRunTimeout, request.WorkflowTaskTimeout, request.Identity, request.RetryPolicy, request.CronSchedule,
            request.Memo, request.SearchAttributes, request.Header, request.WorkflowStartDelay, request.Priority);
        var outcome = Executions.Start(new StartWorkflow(
            request.Namespace, request.WorkflowId, request.RequestId, request.WorkflowIdReusePolicy, request.WorkflowIdConflictPolicy, attributes)
        {
            StartTime = now,
            UserMetadata = request.UserMetadata,
        });
        var response = new StartWorkflowExecutionResponse { RunId = outcome.Execution.RunId, Started = outcome.Started };
        if (request.RequestEagerExecution && outcome.Started)
        {
            response.EagerWorkflowTask = outcome.Execution.StartEagerWorkflowTask(request.Identity);
        }

        return Task.FromResult(response);
    }

    public Task<SignalWithStartWorkflowExecutionResponse> SignalWithStartWorkflowExecution(
        SignalWithStartWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        if (string.IsNullOrEmpty(request.SignalName))
        {
            throw RpcErrors.InvalidArgument("signal_name is not set");
        }

        var now = context.Clock.UtcNow;
        var attributes = StartedAttributes(
            now,
            request.WorkflowId, request.WorkflowType, request.TaskQueue, request.Input, request.WorkflowExecutionTimeout,
            request.WorkflowRunTimeout, request.WorkflowTaskTimeout, request.Identity, request.RetryPolicy, request.CronSchedule,
            request.Memo, request.SearchAttributes, request.Header, request.WorkflowStartDelay, request.Priority);
        var signal = new WorkflowExecutionSignaledEventAttributes
        {
            SignalName = request.SignalName,
            Input = request.SignalInput,
            Identity = request.Identity,
            Header = request.Header,
        };
        var outcome = Executions.Start(new StartWorkflow(
            request.Namespace, request.WorkflowId, request.RequestId, request.WorkflowIdReusePolicy, request.WorkflowIdConflictPolicy, attributes)
        {
            Signal = signal,
            StartTime = now,
            UserMetadata = request.UserMetadata,
        });
        return Task.FromResult(new SignalWithStartWorkflowExecutionResponse { RunId = outcome.Execution.RunId, Started = outcome.Started });
    }

    public Task<SignalWorkflowExecutionResponse> SignalWorkflowExecution(SignalWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.WorkflowExecution?.WorkflowId ?? string.Empty, "workflow_execution.workflow_id");
        if (string.IsNullOrEmpty(request.SignalName))
        {
            throw RpcErrors.InvalidArgument("signal_name is not set");
        }

        OnRun(request.Namespace, request.WorkflowExecution!, run => run.Signal(new WorkflowExecutionSignaledEventAttributes
        {
            SignalName = request.SignalName,
            Input = request.Input,
            Identity = request.Identity,
            Header = request.Header,
        }, request.RequestId));
        return Task.FromResult(new SignalWorkflowExecutionResponse());
    }

    public Task<RequestCancelWorkflowExecutionResponse> RequestCancelWorkflowExecution(
        RequestCancelWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.WorkflowExecution?.WorkflowId ?? string.Empty, "workflow_execution.workflow_id");
        var execution = request.WorkflowExecution!;
        while (true)
        {
            var run = Executions.FindOrThrow(request.Namespace, execution.WorkflowId, execution.RunId);

            // A closed run is a success with nothing to do (the server's rule); unless the latest run closed into a
            // successor between lookup and request, which the server's atomic lookup would have found instead.
            if (run.RequestCancel(request.Identity, request.Reason, null, 0) || !string.IsNullOrEmpty(execution.RunId)
                || Executions.Find(request.Namespace, execution.WorkflowId, null) is not { } latest || ReferenceEquals(latest, run))
            {
                return Task.FromResult(new RequestCancelWorkflowExecutionResponse());
            }
        }
    }

    public Task<TerminateWorkflowExecutionResponse> TerminateWorkflowExecution(TerminateWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.WorkflowExecution?.WorkflowId ?? string.Empty, "workflow_execution.workflow_id");
        OnRun(request.Namespace, request.WorkflowExecution!, run => run.Terminate(request.Reason, request.Identity, request.Details));
        return Task.FromResult(new TerminateWorkflowExecutionResponse());
    }

    /// <summary>
    /// Applies <paramref name="action"/> to the named run, or to the latest one. A latest run that closes between
    /// lookup and action (a cron, retry or continue-as-new chain moving on) hands over to its successor, as the
    /// server's atomic lookup would.
    /// </summary>
    private void OnRun(string @namespace, WorkflowExecution execution, Action<WorkflowRun> action)
    {
        while (true)
        {
            var run = Executions.FindOrThrow(@namespace, execution.WorkflowId, execution.RunId);
            try
            {
                action(run);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && string.IsNullOrEmpty(execution.RunId)
                && Executions.Find(@namespace, execution.WorkflowId, null) is { } latest && !ReferenceEquals(latest, run))
            {
            }
        }
    }

    public Task<DeleteWorkflowExecutionResponse> DeleteWorkflowExecution(DeleteWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.WorkflowExecution?.WorkflowId ?? string.Empty, "workflow_execution.workflow_id");
        var run = Executions.FindOrThrow(request.Namespace, request.WorkflowExecution!.WorkflowId, request.WorkflowExecution.RunId);
        if (run.IsRunning)
        {
            try
            {
                run.Terminate("deleted", "emulator");
            }
            catch (RpcException)
            {
                // Closed in the meantime.
            }
        }

        Executions.Delete(run);
        return Task.FromResult(new DeleteWorkflowExecutionResponse());
    }

    internal static WorkflowExecutionStartedEventAttributes StartedAttributes(
        DateTime now,
        string workflowId, WorkflowType? type, TaskQueue? taskQueue, Payloads? input, Duration? executionTimeout, Duration? runTimeout,
        Duration? taskTimeout, string identity, RetryPolicy? retryPolicy, string cronSchedule, Memo? memo, SearchAttributes? searchAttributes,
        Header? header, Duration? startDelay, Priority? priority)
    {
        RequireWorkflowId(workflowId);
        if (string.IsNullOrEmpty(type?.Name))
        {
            throw RpcErrors.InvalidArgument("workflow_type is not set");
        }

        if (string.IsNullOrEmpty(taskQueue?.Name))
        {
            throw RpcErrors.InvalidArgument("task_queue is not set");
        }

        var attributes = StartAttributes.Build(now, new WorkflowStartSpec(
            workflowId, type, taskQueue, input, executionTimeout, runTimeout, taskTimeout, retryPolicy, cronSchedule, memo,
            searchAttributes, header, priority));
        attributes.Identity = identity;

        // A cron schedule's first backoff wins over a start delay.
        attributes.FirstWorkflowTaskBackoff ??= StartAttributes.Positive(startDelay);
        return attributes;
    }
}
