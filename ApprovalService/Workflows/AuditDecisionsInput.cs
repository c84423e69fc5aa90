namespace Agentic.ApprovalService.Workflows;

/// <summary>Decided items to record, one audit row each; <see cref="OpenedAt"/> (workflow time) gives each decision's wait.</summary>
public sealed record AuditDecisionsInput(string Project, string UniqueId, DraftInfo Draft, IReadOnlyList<ProposalItem> Items, DateTime? OpenedAt = null);
