using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Runs;

/// <summary>
/// Gold labels and votes on one scale: pairwise 1, 2 (0 = tie); pass/fail as 1 = pass, 2 = fail, the same
/// categories <see cref="Judging.JudgeVerdict.Vote"/> uses.
/// </summary>
public static class GoldLabels
{
    public static int? Vote(string? label) => label?.Trim().ToLowerInvariant() switch
    {
        "1" or "pass" or "passed" or "true" or "yes" => 1,
        "2" or "fail" or "failed" or "false" or "no" => 2,
        "0" or "tie" => 0,
        _ => null,
    };

    /// <summary>The jury's vote on a decided case (null for escalated and errored cases).</summary>
    public static int? JuryVote(StoredCase result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.State switch
        {
            CaseState.Passed or CaseState.Failed => result.Choice ?? (result.State == CaseState.Passed ? 1 : 2),
            _ => null,
        };
    }

    public static int? JudgeVote(StoredJudgeVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return !verdict.Answered ? null : verdict.Choice ?? (verdict.Passed == true ? 1 : 2);
    }
}
