namespace Agentic.EvalService.Judging;

/// <summary>
/// Judge weights from measured accuracy on a labelled calibration set: w = ln(p / (1 - p)), the weight under
/// which a weighted vote of independent judges picks the more likely answer. p is smoothed (one pseudo-case
/// right and one wrong), so a judge right on every calibration case does not get an infinite weight.
/// </summary>
public static class LogOddsWeights
{
    public static double Weight(int correct, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, correct);
        var p = (correct + 1.0) / (total + 2.0);
        return Math.Log(p / (1 - p));
    }

    /// <summary>Weights per judge from its votes and the gold labels of the same cases (a silent vote is wrong).</summary>
    public static IReadOnlyDictionary<string, double> Calibrate(
        IReadOnlyDictionary<string, IReadOnlyList<int?>> votesByJudge, IReadOnlyList<int> gold)
    {
        ArgumentNullException.ThrowIfNull(votesByJudge);
        ArgumentNullException.ThrowIfNull(gold);
        return votesByJudge.ToDictionary(
            pair => pair.Key,
            pair => Weight(pair.Value.Zip(gold).Count(p => p.First == p.Second), gold.Count),
            StringComparer.Ordinal);
    }
}
