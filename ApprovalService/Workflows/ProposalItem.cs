namespace Agentic.ApprovalService.Workflows;

/// <summary>One description to decide: the table's (<see cref="Column"/> null) or a column's.</summary>
public sealed record ProposalItem(
    string? Column,
    string? DataType,
    string CurrentText,
    string DraftText,
    DescriptionOrigin Origin,
    string? InheritedFrom,
    ItemStatus Status,
    ReviewDecision Decision = ReviewDecision.None,
    string? FinalText = null,
    string? Reviewer = null,
    string? Reason = null,
    DateTime? DecidedAt = null)
{
    public string Key => Column ?? string.Empty;
}
