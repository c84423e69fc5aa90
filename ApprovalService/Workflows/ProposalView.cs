namespace Agentic.ApprovalService.Workflows;

/// <summary>A proposal as people see it: the answer to the query and to every update.</summary>
public sealed record ProposalView(
    string Project,
    NodeSnapshot Node,
    ProposalStatus Status,
    long Version,
    bool Stale,
    IReadOnlyList<ProposalItem> Items,
    DraftInfo Draft,
    DateTime OpenedAt,
    DateTime? RemindedAt,
    DateTime? EscalatedAt,
    DateTime? ExpiredAt,
    string? PullRequestUrl);
