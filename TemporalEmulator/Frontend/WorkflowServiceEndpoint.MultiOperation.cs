using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    /// <summary>Update-with-start: a start (usually with a use-existing conflict policy) followed by an update of that run.</summary>
    public async Task<ExecuteMultiOperationResponse> ExecuteMultiOperation(ExecuteMultiOperationRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        if (request.Operations.Count != 2
            || request.Operations[0].OperationCase != ExecuteMultiOperationRequest.Types.Operation.OperationOneofCase.StartWorkflow
            || request.Operations[1].OperationCase != ExecuteMultiOperationRequest.Types.Operation.OperationOneofCase.UpdateWorkflow)
        {
            throw RpcErrors.InvalidArgument("operations: expected a start_workflow followed by an update_workflow");
        }

        var start = request.Operations[0].StartWorkflow;
        var update = request.Operations[1].UpdateWorkflow;
        if (string.IsNullOrEmpty(start.Namespace))
        {
            start.Namespace = request.Namespace;
        }

        StartWorkflowExecutionResponse started;
        try
        {
            started = await StartWorkflowExecution(start, call);
        }
        catch (RpcException error)
        {
            throw RpcErrors.MultiOperation(error, 0, 2);
        }

        if (string.IsNullOrEmpty(update.Namespace))
        {
            update.Namespace = request.Namespace;
        }

        update.WorkflowExecution ??= new Temporalio.Api.Common.V1.WorkflowExecution();
        update.WorkflowExecution.WorkflowId = start.WorkflowId;
        update.WorkflowExecution.RunId = started.RunId;
        var updated = await UpdateWorkflowExecution(update, call);

        var response = new ExecuteMultiOperationResponse();
        response.Responses.Add(new ExecuteMultiOperationResponse.Types.Response { StartWorkflow = started });
        response.Responses.Add(new ExecuteMultiOperationResponse.Types.Response { UpdateWorkflow = updated });
        return response;
    }
}
