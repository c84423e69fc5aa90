using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.ReadModel;

/// <summary>A proposal's row in the read model: its summary and when it opened and was escalated.</summary>
public sealed record ProposalRecord(ProposalSummary Summary, DateTime? OpenedAt, DateTime? EscalatedAt);
