using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Judging;

/// <summary>
/// Combines a panel's verdicts. Pass/fail and pairwise judges vote; score judges give numbers. Ties in a vote go
/// to the lead judge (the first listed judge that answered), the usual way to break them without a coin.
/// Weighted aggregation sums log-odds weights over votes (a judge measured worse than chance counts against
/// its own vote) and takes a weighted mean of scores with negative weights treated as zero.
/// </summary>
public static class JuryAggregator
{
    public static JuryDecision Aggregate(
        JurySpec jury, IReadOnlyList<JudgeVerdict> verdicts, IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(jury);
        ArgumentNullException.ThrowIfNull(verdicts);
        var answered = verdicts.Where(v => v.Answered).ToList();
        var seated = Math.Max(verdicts.Count, 1);
        var quorum = jury.Quorum == 0 ? verdicts.Count : jury.Quorum;
        var agreement = Agreement.ModalShare(verdicts.Select(v => v.Vote).ToList(), seated);
        if (answered.Count == 0 || answered.Count < quorum)
        {
            return new JuryDecision(jury.Aggregation, false, false, 0, null, answered.Count, quorum, false, agreement, false);
        }

        var pairwise = answered.Any(v => v.Choice is not null);
        double Weight(JudgeVerdict v) => weights is not null && weights.TryGetValue(v.Judge, out var w)
            ? w
            : jury.Judges.FirstOrDefault(j => j.Name == v.Judge)?.Weight ?? 1.0;

        var (score, passed, choice) = jury.Aggregation switch
        {
            Aggregation.Majority => Vote(answered, _ => 1.0, pairwise),
            Aggregation.WeightedMean when pairwise || answered.All(v => IsVoteOnly(jury, v)) => Vote(answered, Weight, pairwise),
            Aggregation.WeightedMean => FromScore(WeightedMean(answered, Weight), jury.PassThreshold, pairwise),
            Aggregation.AllMustPass => (answered.Min(v => v.Score), answered.All(v => v.Passed), null),
            Aggregation.Mean => FromScore(answered.Average(v => ScoreOf(v)), jury.PassThreshold, pairwise),
            Aggregation.Median => FromScore(Median(answered.Select(ScoreOf).ToList()), jury.PassThreshold, pairwise),
            Aggregation.Min => FromScore(answered.Min(ScoreOf), jury.PassThreshold, pairwise),
            Aggregation.Max => FromScore(answered.Max(ScoreOf), jury.PassThreshold, pairwise),
            _ => throw new ArgumentOutOfRangeException(nameof(jury), jury.Aggregation, "unknown aggregation"),
        };

        var escalated = jury.EscalateBelowAgreement is { } minimum && agreement < minimum;
        return new JuryDecision(jury.Aggregation, !escalated, passed, score, choice, answered.Count, quorum, true, agreement, escalated);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>A pairwise verdict as a number: 1 for the first answer, 0 for the second, 0.5 for a tie.</summary>
    private static double ScoreOf(JudgeVerdict verdict) => verdict.Choice switch
    {
        1 => 1,
        2 => 0,
        0 => 0.5,
        _ => verdict.Score,
    };

    private static bool IsVoteOnly(JurySpec jury, JudgeVerdict verdict) =>
        jury.Judges.FirstOrDefault(j => j.Name == verdict.Judge)?.Output is JudgeOutput.PassFail or JudgeOutput.Pairwise;

    private static (double Score, bool Passed, int? Choice) FromScore(double score, double threshold, bool pairwise) => pairwise
        ? (score, score > 0.5, score > 0.5 ? 1 : score < 0.5 ? 2 : 0)
        : (score, score >= threshold, null);

    private static double WeightedMean(IReadOnlyList<JudgeVerdict> answered, Func<JudgeVerdict, double> weight)
    {
        var total = answered.Sum(v => Math.Max(weight(v), 0));
        return total <= 0 ? answered.Average(ScoreOf) : answered.Sum(v => Math.Max(weight(v), 0) * ScoreOf(v)) / total;
    }

    /// <summary>
    /// Sum of weighted votes for the first option (pass, or answer 1) minus the second; a pairwise tie abstains.
    /// The score is the logistic of that sum, a probability when the weights are log-odds.
    /// </summary>
    private static (double Score, bool Passed, int? Choice) Vote(
        IReadOnlyList<JudgeVerdict> answered, Func<JudgeVerdict, double> weight, bool pairwise)
    {
        var sum = 0.0;
        foreach (var verdict in answered)
        {
            sum += verdict.Vote switch
            {
                1 => weight(verdict),
                2 => -weight(verdict),
                _ => 0,
            };
        }

        var first = Math.Abs(sum) < 1e-12 ? LeadVote(answered) == 1 : sum > 0;
        var tied = Math.Abs(sum) < 1e-12 && LeadVote(answered) is not (1 or 2);
        var score = 1 / (1 + Math.Exp(-sum));
        return pairwise
            ? (score, first && !tied, tied ? 0 : first ? 1 : 2)
            : (score, first, null);
    }

    private static int? LeadVote(IReadOnlyList<JudgeVerdict> answered) => answered[0].Vote;
}
