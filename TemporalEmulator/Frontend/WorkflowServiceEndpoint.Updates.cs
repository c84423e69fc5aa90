using Agentic.Emulator.Executions;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    /// <summary>The server's history.longPollExpirationInterval: an update wait answers with the stage reached by then.</summary>
    private static readonly TimeSpan UpdateLongPoll = TimeSpan.FromSeconds(20);

    public async Task<UpdateWorkflowExecutionResponse> UpdateWorkflowExecution(UpdateWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.WorkflowExecution?.WorkflowId ?? string.Empty, "workflow_execution.workflow_id");
        if (string.IsNullOrEmpty(request.Request?.Meta?.UpdateId))
        {
            throw RpcErrors.InvalidArgument("request.meta.update_id is not set");
        }

        if (string.IsNullOrEmpty(request.Request.Input?.Name))
        {
            throw RpcErrors.InvalidArgument("request.input.name is not set");
        }

        while (true)
        {
            var run = Executions.FindOrThrow(request.Namespace, request.WorkflowExecution!.WorkflowId, request.WorkflowExecution.RunId);
            var update = run.Update(request.Request);
            var stage = await WaitForUpdateAsync(update, request.WaitPolicy, call);

            // The server retries an update the closing run never saw on the run that follows it.
            if (update.RetryOnNextRun && string.IsNullOrEmpty(request.WorkflowExecution.RunId)
                && Executions.Find(request.Namespace, request.WorkflowExecution.WorkflowId, null) is { } next && !ReferenceEquals(next, run))
            {
                continue;
            }

            ThrowIfAborted(update);
            return new UpdateWorkflowExecutionResponse
            {
                UpdateRef = new UpdateRef { WorkflowExecution = run.Execution, UpdateId = update.Id },
                Stage = stage,
                Outcome = stage == UpdateWorkflowExecutionLifecycleStage.Completed ? update.Outcome : null,
            };
        }
    }

    public async Task<PollWorkflowExecutionUpdateResponse> PollWorkflowExecutionUpdate(
        PollWorkflowExecutionUpdateRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        var reference = request.UpdateRef ?? throw RpcErrors.InvalidArgument("update_ref is not set");
        RequireWorkflowId(reference.WorkflowExecution?.WorkflowId ?? string.Empty, "update_ref.workflow_execution.workflow_id");
        var run = Executions.FindOrThrow(request.Namespace, reference.WorkflowExecution!.WorkflowId, reference.WorkflowExecution.RunId);
        var update = run.FindUpdate(reference.UpdateId) ?? throw RpcErrors.NotFound($"update {reference.UpdateId} not found");
        var stage = await WaitForUpdateAsync(update, request.WaitPolicy, call);
        ThrowIfAborted(update);
        return new PollWorkflowExecutionUpdateResponse
        {
            UpdateRef = new UpdateRef { WorkflowExecution = run.Execution, UpdateId = update.Id },
            Stage = stage,
            Outcome = stage == UpdateWorkflowExecutionLifecycleStage.Completed ? update.Outcome : null,
        };
    }

    /// <summary>
    /// Waits for the stage the caller asked for, as the server does: past its own long-poll interval it answers
    /// with the stage reached so far (the client asks again), but a caller deadline that comes first ends the
    /// call with DEADLINE_EXCEEDED rather than an early answer the client would retry at once, forever.
    /// </summary>
    private async Task<UpdateWorkflowExecutionLifecycleStage> WaitForUpdateAsync(PendingUpdate update, WaitPolicy? policy, ServerCallContext call)
    {
        var target = policy?.LifecycleStage == UpdateWorkflowExecutionLifecycleStage.Completed
            ? update.Completed.Task
            : update.Accepted.Task;
        using var softTimeout = CancellationTokenSource.CreateLinkedTokenSource(context.Stopping.Token);
        softTimeout.CancelAfter(UpdateLongPoll);
        try
        {
            await target.WaitAsync(softTimeout.Token).WaitAsync(call.CancellationToken);
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested && !target.IsCompleted)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "context deadline exceeded"));
        }
        catch (OperationCanceledException) when (softTimeout.IsCancellationRequested)
        {
            // The client retries with the same update id until the stage it asked for is reached.
        }

        return update.Stage;
    }

    private static void ThrowIfAborted(PendingUpdate update)
    {
        if (update.Aborted)
        {
            throw RpcErrors.NotFound("workflow update was aborted by closing workflow");
        }
    }
}
