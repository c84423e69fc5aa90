namespace Agentic.ApprovalService.Workflows;

/// <summary>What the proposal keeps in its memo so listings need no query per proposal.</summary>
public sealed record ProposalSummary(
    string Project,
    string UniqueId,
    string Name,
    string ResourceType,
    string OwnerGroup,
    ProposalStatus Status,
    int PendingItems,
    bool Stale,
    long Version,
    string SearchText);
