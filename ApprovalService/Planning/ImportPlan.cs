using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Planning;

/// <summary>What an import found and the proposals it opens or updates.</summary>
public sealed record ImportPlan(
    int Models,
    int Sources,
    int Seeds,
    int Snapshots,
    int Columns,
    int BlankDescriptions,
    int Inherited,
    IReadOnlyList<NodeSnapshot> Proposals);
