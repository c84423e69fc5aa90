namespace Agentic.ApprovalService.Workflows;

/// <summary>State handed to the next run when a proposal continues as new.</summary>
public sealed record DescribeModelCarry(
    ProposalStatus Status,
    long Version,
    bool Stale,
    IReadOnlyList<ProposalItem> Items,
    DraftInfo Draft,
    DateTime OpenedAt,
    DateTime? RemindedAt,
    DateTime? EscalatedAt,
    string? PullRequestUrl,
    int Run);
