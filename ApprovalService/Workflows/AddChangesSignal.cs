namespace Agentic.ApprovalService.Workflows;

/// <summary>Approved changes from one proposal workflow.</summary>
public sealed record AddChangesSignal(string SourceWorkflowId, IReadOnlyList<ApprovedChange> Changes);
