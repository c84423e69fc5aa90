using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public Task<PauseActivityResponse> PauseActivity(PauseActivityRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        RequireActivitySelector(request.Id, request.Type);
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        run.PauseActivity(request.Id, request.Type, request.RequestId);
        return Task.FromResult(new PauseActivityResponse());
    }

    public Task<UnpauseActivityResponse> UnpauseActivity(UnpauseActivityRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        if (request.UnpauseAll)
        {
            throw RpcErrors.InvalidArgument("unpause_all is not supported by the Temporal emulator; name the activity by id or type");
        }

        RequireActivitySelector(request.Id, request.Type);
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        run.UnpauseActivity(request.Id, request.Type, request.ResetAttempts, request.ResetHeartbeat);
        return Task.FromResult(new UnpauseActivityResponse());
    }

    public Task<ResetActivityResponse> ResetActivity(ResetActivityRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        if (request.MatchAll || request.RestoreOriginalOptions)
        {
            throw RpcErrors.InvalidArgument("match_all and restore_original_options are not supported by the Temporal emulator");
        }

        RequireActivitySelector(request.Id, request.Type);
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        run.ResetActivity(request.Id, request.Type, request.ResetHeartbeat, request.KeepPaused);
        return Task.FromResult(new ResetActivityResponse());
    }

    public Task<UpdateActivityOptionsResponse> UpdateActivityOptions(UpdateActivityOptionsRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        if (request.MatchAll || request.RestoreOriginal)
        {
            throw RpcErrors.InvalidArgument("match_all and restore_original are not supported by the Temporal emulator");
        }

        if (request.UpdateMask is not { Paths.Count: > 0 })
        {
            throw RpcErrors.InvalidArgument("update_mask is not set");
        }

        var options = request.ActivityOptions ?? throw RpcErrors.InvalidArgument("activity_options is not set");
        RequireActivitySelector(request.Id, request.Type);
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        var updated = run.UpdateActivityOptions(request.Id, request.Type, options, request.UpdateMask);
        return Task.FromResult(new UpdateActivityOptionsResponse { ActivityOptions = updated });
    }

    private static void RequireActivitySelector(string id, string type)
    {
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(type))
        {
            throw RpcErrors.InvalidArgument("activity: id or type is not set");
        }
    }
}
