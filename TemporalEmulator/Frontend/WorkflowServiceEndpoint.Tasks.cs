using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public async Task<PollWorkflowTaskQueueResponse> PollWorkflowTaskQueue(PollWorkflowTaskQueueRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        if (string.IsNullOrEmpty(request.TaskQueue?.Name))
        {
            throw RpcErrors.InvalidArgument("task_queue is not set");
        }

        // Sticky queues are never used: every task goes to the normal queue with full history, so a sticky poll just waits.
        var queue = context.TaskQueues.Workflow(request.Namespace, request.TaskQueue.Name);
        var requestId = Guid.NewGuid().ToString();
        using var cancellation = LongPollCancellation(call);
        while (!cancellation.IsCancellationRequested)
        {
            var item = await queue.PollAsync(request.Identity, cancellation.Token);
            if (item is null)
            {
                break;
            }

            var task = item.Execution.StartWorkflowTask(item, request.Identity, requestId);
            if (task is not null)
            {
                return task;
            }
        }

        return new PollWorkflowTaskQueueResponse();
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

    public async Task<PollActivityTaskQueueResponse> PollActivityTaskQueue(PollActivityTaskQueueRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        if (string.IsNullOrEmpty(request.TaskQueue?.Name))
        {
            throw RpcErrors.InvalidArgument("task_queue is not set");
        }

        var queue = context.TaskQueues.Activity(request.Namespace, request.TaskQueue.Name);
        var requestId = Guid.NewGuid().ToString();
        using var cancellation = LongPollCancellation(call);
        while (!cancellation.IsCancellationRequested)
        {
            var item = await queue.PollAsync(request.Identity, cancellation.Token);
            if (item is null)
            {
                break;
            }

            var task = item.Execution.StartActivityTask(item, request.Identity, requestId);
            if (task is not null)
            {
                return task;
            }
        }

        return new PollActivityTaskQueueResponse();
    }

    public Task<RecordActivityTaskHeartbeatResponse> RecordActivityTaskHeartbeat(
        RecordActivityTaskHeartbeatRequest request, ServerCallContext call)
    {
        var (run, token) = ResolveToken(request.TaskToken);
        var cancel = run.HeartbeatActivity(token.ScheduledEventId, token.Attempt, request.Details);
        return Task.FromResult(new RecordActivityTaskHeartbeatResponse { CancelRequested = cancel });
    }

    public Task<RecordActivityTaskHeartbeatByIdResponse> RecordActivityTaskHeartbeatById(
        RecordActivityTaskHeartbeatByIdRequest request, ServerCallContext call)
    {
        var (run, scheduledEventId) = ResolveActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
        var cancel = run.HeartbeatActivity(scheduledEventId, 0, request.Details);
        return Task.FromResult(new RecordActivityTaskHeartbeatByIdResponse { CancelRequested = cancel });
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
