namespace Agentic.ApprovalService.Workflows;

public enum ReviewDecision
{
    None = 0,
    Approve = 1,
    Reject = 2,
    Edit = 3,
}
