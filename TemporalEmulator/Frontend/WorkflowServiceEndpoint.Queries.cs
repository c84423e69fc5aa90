using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Query.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public async Task<QueryWorkflowResponse> QueryWorkflow(QueryWorkflowRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        if (string.IsNullOrEmpty(request.Query?.QueryType))
        {
            throw RpcErrors.InvalidArgument("query.query_type is not set");
        }

        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        if (!run.IsRunning && Rejects(request.QueryRejectCondition, run.Status))
        {
            return new QueryWorkflowResponse { QueryRejected = new QueryRejected { Status = run.Status } };
        }

        var pending = run.Query(request.Query);
        using var cancellation = CallCancellation(call);
        RespondQueryTaskCompletedRequest answer;
        try
        {
            answer = await pending.Result.Task.WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            run.ForgetQuery(pending.Id);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "query timed out: no worker answered"));
        }

        if (answer.CompletedType == QueryResultType.Failed)
        {
            throw RpcErrors.QueryFailed(answer.ErrorMessage, answer.Failure);
        }

        return new QueryWorkflowResponse { QueryResult = answer.QueryResult };
    }

    private static bool Rejects(QueryRejectCondition condition, WorkflowExecutionStatus status) => condition switch
    {
        QueryRejectCondition.NotOpen => true,
        QueryRejectCondition.NotCompletedCleanly => status != WorkflowExecutionStatus.Completed,
        _ => false,
    };
}
