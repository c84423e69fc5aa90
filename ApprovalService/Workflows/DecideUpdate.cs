namespace Agentic.ApprovalService.Workflows;

/// <summary>Decisions on a proposal made on <see cref="ExpectedVersion"/> (0 = unchecked).</summary>
public sealed record DecideUpdate(Reviewer Reviewer, long ExpectedVersion, IReadOnlyList<ItemDecisionInput> Decisions, bool ApproveAll);
