namespace Agentic.ApprovalService.Workflows;

public enum ProposalStatus
{
    Drafting = 1,
    Open = 2,
    Shipping = 3,
    Closed = 4,
    Expired = 5,
}
