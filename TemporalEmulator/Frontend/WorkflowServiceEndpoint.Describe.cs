using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public Task<DescribeWorkflowExecutionResponse> DescribeWorkflowExecution(DescribeWorkflowExecutionRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        return Task.FromResult(run.Describe());
    }
}
