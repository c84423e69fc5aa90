namespace Agentic.ApprovalService.Workflows;

/// <summary>Decided items to record, one audit row each.</summary>
public sealed record AuditDecisionsInput(string Project, string UniqueId, DraftInfo Draft, IReadOnlyList<ProposalItem> Items);
