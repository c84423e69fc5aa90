using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;

namespace Agentic.Emulator.Tests.Common;

/// <summary>The full DescribeWorkflowExecution answer, for fields the SDK's description does not surface.</summary>
public static class DescribeExtensions
{
    public static Task<DescribeWorkflowExecutionResponse> DescribeRawAsync(this WorkflowHandle handle) =>
        handle.Client.WorkflowService.DescribeWorkflowExecutionAsync(new DescribeWorkflowExecutionRequest
        {
            Namespace = handle.Client.Options.Namespace,
            Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id, RunId = handle.RunId ?? string.Empty },
        });
}
