namespace Agentic.Emulator.Executions;

/// <summary>A child workflow from its Initiated event until its close is reported.</summary>
internal sealed class PendingChild(long initiatedEventId, string @namespace, string workflowId, string workflowType,
    Temporalio.Api.Enums.V1.ParentClosePolicy closePolicy)
{
    public long InitiatedEventId { get; } = initiatedEventId;

    public string Namespace { get; } = @namespace;

    public string WorkflowId { get; } = workflowId;

    public string WorkflowType { get; } = workflowType;

    public Temporalio.Api.Enums.V1.ParentClosePolicy ClosePolicy { get; } = closePolicy;

    public string RunId { get; set; } = string.Empty;

    public long StartedEventId { get; set; }

    public bool Started { get; set; }
}
