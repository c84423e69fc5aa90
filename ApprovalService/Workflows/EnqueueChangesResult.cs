namespace Agentic.ApprovalService.Workflows;

public sealed record EnqueueChangesResult(string PullRequestWorkflowId);
