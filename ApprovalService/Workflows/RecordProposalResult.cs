namespace Agentic.ApprovalService.Workflows;

public sealed record RecordProposalResult(bool Recorded);
