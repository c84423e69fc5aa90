using Agentic.EvalService.Checks;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// Everything known about a turn at one moment: the decision, whether it can still change, the checks and
/// the judges that have answered. <see cref="Revision"/> grows with every change (watchers compare it).
/// </summary>
public sealed record TurnState(
    string TurnId,
    int SuiteVersion,
    TurnDecision Decision,
    bool Final,
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyList<JudgeVerdict> Judges,
    JuryDecision? Jury,
    bool BudgetExpired,
    string Reason,
    int Revision)
{
    public static TurnState Start(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.TurnId, input.SuiteVersion, TurnDecision.Pending, false, [], [], null, false, "", 0);
    }

    /// <summary>
    /// Every live judge has answered or given up (or none was needed): nothing about the turn changes any more. A jury
    /// can be <see cref="Final"/> before that, when the judges still out could not change its verdict.
    /// </summary>
    public bool Complete { get; init; }

    /// <summary>What the caller is told when the jury has not decided within the budget, by the suite's late policy.</summary>
    public static TurnDecision LateDecision(SuiteDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Live.WhenLate == LateAction.ShowProvisional ? TurnDecision.ShowProvisional : TurnDecision.RetractPending;
    }

    /// <summary>This state once the budget has run out and the caller was given <paramref name="decision"/>.</summary>
    public TurnState AnsweredLate(TurnDecision decision) =>
        this with { Decision = decision, BudgetExpired = true, Reason = "the jury has not decided within the budget" };
}
