using Temporalio.Api.Query.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

/// <summary>A client's query waiting to be dispatched as a legacy query task and answered.</summary>
internal sealed class PendingQuery(long id, WorkflowQuery query)
{
    public long Id { get; } = id;

    public WorkflowQuery Query { get; } = query;

    public bool Dispatched { get; set; }

    public TaskCompletionSource<RespondQueryTaskCompletedRequest> Result { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
