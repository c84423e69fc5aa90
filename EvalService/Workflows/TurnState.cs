using Agentic.EvalService.Checks;
using Agentic.EvalService.Judging;

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
}
