namespace Agentic.ApprovalService.Workflows;

/// <summary>Hand approved changes of one node to its project's pull request workflow.</summary>
public sealed record EnqueueChangesInput(string Project, ProjectRepository Repository, string WorkflowId, IReadOnlyList<ApprovedChange> Changes);
