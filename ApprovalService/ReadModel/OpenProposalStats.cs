namespace Agentic.ApprovalService.ReadModel;

/// <summary>An owner group's open proposals: how many, and when the oldest opened.</summary>
public sealed record OpenProposalStats(string OwnerGroup, int Open, DateTime? OldestOpenedAt);
