namespace Agentic.ApprovalService.Workflows;

public enum ItemStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
    InPullRequest = 4,
    Shipped = 5,
    Expired = 6,
}
