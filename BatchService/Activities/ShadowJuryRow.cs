using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>The jury's verdict on one changed pair as its result record shows it.</summary>
internal sealed record ShadowJuryRow(EvalJuryDecision Decision, IReadOnlyList<EvalJudgeVerdict> Judges)
{
    /// <summary>"equivalent", "different", or "undecided" when the jury escalated or lacked its quorum.</summary>
    public string Verdict => !Decision.Decided ? "undecided" : Decision.Passed ? "equivalent" : "different";

    public bool? Equivalent => Decision.Decided ? Decision.Passed : null;
}
