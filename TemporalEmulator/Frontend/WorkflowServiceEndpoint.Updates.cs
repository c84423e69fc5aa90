using Agentic.Emulator.Executions;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
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

        var run = Executions.FindOrThrow(request.Namespace, request.WorkflowExecution!.WorkflowId, request.WorkflowExecution.RunId);
        var update = run.Update(request.Request);
        var stage = await WaitForUpdateAsync(update, request.WaitPolicy, call);
        return new UpdateWorkflowExecutionResponse
        {
            UpdateRef = new UpdateRef { WorkflowExecution = run.Execution, UpdateId = update.Id },
            Stage = stage,
            Outcome = stage == UpdateWorkflowExecutionLifecycleStage.Completed ? update.Outcome : null,
        };
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
        return new PollWorkflowExecutionUpdateResponse
        {
            UpdateRef = new UpdateRef { WorkflowExecution = run.Execution, UpdateId = update.Id },
            Stage = stage,
            Outcome = stage == UpdateWorkflowExecutionLifecycleStage.Completed ? update.Outcome : null,
        };
    }

    private async Task<UpdateWorkflowExecutionLifecycleStage> WaitForUpdateAsync(PendingUpdate update, WaitPolicy? policy, ServerCallContext call)
    {
        var target = policy?.LifecycleStage == UpdateWorkflowExecutionLifecycleStage.Completed
            ? update.Completed.Task
            : update.Accepted.Task;
        using var cancellation = LongPollCancellation(call);
        try
        {
            await target.WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // The client retries with the same update id until the stage it asked for is reached.
        }

        if (update.Aborted)
        {
            throw RpcErrors.NotFound("workflow execution already completed");
        }

        return update.Stage;
    }
}
