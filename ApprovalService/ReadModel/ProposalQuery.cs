using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.ReadModel;

/// <summary>A search of the read model; empty parts match everything. <see cref="OwnerGroups"/> null = every group.</summary>
public sealed record ProposalQuery(
    string Text, string Project, IReadOnlyCollection<string>? OwnerGroups, IReadOnlyCollection<ProposalStatus> States, int Limit);
