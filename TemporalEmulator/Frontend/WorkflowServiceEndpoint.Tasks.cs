using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public Task<PollWorkflowTaskQueueResponse> PollWorkflowTaskQueue(PollWorkflowTaskQueueRequest request, ServerCallContext call)
    {
        RequireTaskQueue(request.Namespace, request.TaskQueue?.Name);
        // A poll on a worker's sticky queue name gets that worker's cached runs (new events only); the normal
        // queue always carries full histories.
        var queue = context.TaskQueues.Workflow(request.Namespace, request.TaskQueue!.Name);
        var requestId = Guid.NewGuid().ToString();
        return LongPollAsync(
            call,
            token => queue.PollAsync(request.Identity, token),
            queue.Enqueue,
            item => item.Execution.StartWorkflowTask(item, request.Identity, requestId));
    }

    public Task<RespondWorkflowTaskCompletedResponse> RespondWorkflowTaskCompleted(
        RespondWorkflowTaskCompletedRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        return Task.FromResult(run.CompleteWorkflowTask(token, request));
    }

    public Task<RespondWorkflowTaskFailedResponse> RespondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        run.FailWorkflowTask(token, request);
        return Task.FromResult(new RespondWorkflowTaskFailedResponse());
    }

    public Task<RespondQueryTaskCompletedResponse> RespondQueryTaskCompleted(RespondQueryTaskCompletedRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        run.CompleteQuery(token.QueryId, request);
        return Task.FromResult(new RespondQueryTaskCompletedResponse());
    }

    public Task<PollActivityTaskQueueResponse> PollActivityTaskQueue(PollActivityTaskQueueRequest request, ServerCallContext call)
    {
        RequireTaskQueue(request.Namespace, request.TaskQueue?.Name);
        var queue = context.TaskQueues.Activity(request.Namespace, request.TaskQueue!.Name);
        var requestId = Guid.NewGuid().ToString();
        return LongPollAsync(
            call,
            token => queue.PollAsync(request.Identity, token),
            queue.Enqueue,
            item => item.Execution.StartActivityTask(item, request.Identity, requestId));
    }

    private void RequireTaskQueue(string @namespace, string? taskQueue)
    {
        RequireNamespace(@namespace);
        if (string.IsNullOrEmpty(taskQueue))
        {
            throw RpcErrors.InvalidArgument("task_queue is not set");
        }
    }

    /// <summary>
    /// Waits for a queued task and starts it; a task whose run moved on while it was queued (cancelled, timed
    /// out, closed) starts nothing, so the poll waits for the next one. Answers empty before the client's
    /// deadline, as Temporal does.
    /// </summary>
    private async Task<TResponse> LongPollAsync<TItem, TResponse>(
        ServerCallContext call, Func<CancellationToken, Task<TItem?>> poll, Action<TItem> requeue, Func<TItem, TResponse?> start)
        where TItem : class
        where TResponse : class, new()
    {
        using var cancellation = LongPollCancellation(call);
        while (!cancellation.IsCancellationRequested)
        {
            var item = await poll(cancellation.Token);
            if (item is null)
            {
                break;
            }

            if (call.CancellationToken.IsCancellationRequested)
            {
                // The poller went away as the task reached it: starting it would lose it until its timeout (a
                // query task: for good), so it goes back for the next poller.
                requeue(item);
                break;
            }

            if (start(item) is { } task)
            {
                return task;
            }
        }

        return new TResponse();
    }

    public Task<RecordActivityTaskHeartbeatResponse> RecordActivityTaskHeartbeat(
        RecordActivityTaskHeartbeatRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        var (cancel, paused, reset) = run.HeartbeatActivity(token.ScheduledEventId, token.Attempt, request.Details);
        return Task.FromResult(new RecordActivityTaskHeartbeatResponse { CancelRequested = cancel, ActivityPaused = paused, ActivityReset = reset });
    }

    public Task<RecordActivityTaskHeartbeatByIdResponse> RecordActivityTaskHeartbeatById(
        RecordActivityTaskHeartbeatByIdRequest request, ServerCallContext call)
    {
        var (run, scheduledEventId) = ResolveActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
        var (cancel, paused, reset) = run.HeartbeatActivity(scheduledEventId, 0, request.Details);
        return Task.FromResult(new RecordActivityTaskHeartbeatByIdResponse { CancelRequested = cancel, ActivityPaused = paused, ActivityReset = reset });
    }

    public Task<RespondActivityTaskCompletedResponse> RespondActivityTaskCompleted(
        RespondActivityTaskCompletedRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        run.CompleteActivity(token.ScheduledEventId, token.Attempt, request.Result, request.Identity);
        return Task.FromResult(new RespondActivityTaskCompletedResponse());
    }

    public Task<RespondActivityTaskCompletedByIdResponse> RespondActivityTaskCompletedById(
        RespondActivityTaskCompletedByIdRequest request, ServerCallContext call)
    {
        var (run, scheduledEventId) = ResolveActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
        run.CompleteActivity(scheduledEventId, 0, request.Result, request.Identity);
        return Task.FromResult(new RespondActivityTaskCompletedByIdResponse());
    }

    public Task<RespondActivityTaskFailedResponse> RespondActivityTaskFailed(RespondActivityTaskFailedRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        run.FailActivity(token.ScheduledEventId, token.Attempt, request.Failure, request.LastHeartbeatDetails, request.Identity);
        return Task.FromResult(new RespondActivityTaskFailedResponse());
    }

    public Task<RespondActivityTaskFailedByIdResponse> RespondActivityTaskFailedById(
        RespondActivityTaskFailedByIdRequest request, ServerCallContext call)
    {
        var (run, scheduledEventId) = ResolveActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
        run.FailActivity(scheduledEventId, 0, request.Failure, request.LastHeartbeatDetails, request.Identity);
        return Task.FromResult(new RespondActivityTaskFailedByIdResponse());
    }

    public Task<RespondActivityTaskCanceledResponse> RespondActivityTaskCanceled(
        RespondActivityTaskCanceledRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        run.CancelActivity(token.ScheduledEventId, token.Attempt, request.Details, request.Identity);
        return Task.FromResult(new RespondActivityTaskCanceledResponse());
    }

    public Task<RespondActivityTaskCanceledByIdResponse> RespondActivityTaskCanceledById(
        RespondActivityTaskCanceledByIdRequest request, ServerCallContext call)
    {
        var (run, scheduledEventId) = ResolveActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
        run.CancelActivity(scheduledEventId, 0, request.Details, request.Identity);
        return Task.FromResult(new RespondActivityTaskCanceledByIdResponse());
    }

    private (Executions.WorkflowRun Run, long ScheduledEventId) ResolveActivity(string @namespace, string workflowId, string runId, string activityId)
    {
        RequireNamespace(@namespace);
        RequireWorkflowId(workflowId);
        if (string.IsNullOrEmpty(activityId))
        {
            throw RpcErrors.InvalidArgument("activity_id is not set");
        }

        var run = Executions.FindOrThrow(@namespace, workflowId, runId);
        return (run, run.ScheduledEventIdOf(activityId));
    }
}
