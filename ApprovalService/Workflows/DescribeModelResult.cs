namespace Agentic.ApprovalService.Workflows;

/// <summary>How a proposal ended.</summary>
public sealed record DescribeModelResult(ProposalStatus Status, int Shipped, int Rejected, int Expired);
