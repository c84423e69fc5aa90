using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Judging;

/// <summary>
/// Decides a jury before every judge has answered, when the judges still out can no longer change the outcome.
/// Exact by construction: each judge still out may stay silent (fail, time out) or give any answer its output kind
/// allows, and the verdict is settled only when every such completion gives the same outcome through
/// <see cref="JuryAggregator"/> itself (quorum met or not, escalated or not, passed or not, pairwise choice).
/// Votes (majority, all-must-pass, vote-only weighted) are enumerated exactly. Scores are continuous: for each
/// combination of votes the aggregate score is bounded by its values with every open score at its lowest and at its
/// highest (mean, median, min, max and the weighted mean never fall when one score rises), so a score verdict is
/// settled only when both bounds agree. Agreement for agree-or-escalate counts every seated judge (a silent judge
/// agrees with no one), so a panel is decided early only once its agreement is settled too.
/// </summary>
public static class JuryOutlook
{
    /// <summary>Above this many completions to try (3–4 per judge still out) the jury simply waits.</summary>
    public const int MaxCompletions = 4096;

    /// <summary>
    /// The jury's decision if it is already settled, with the judges still out counted as silent (so it says how many
    /// answered); null while the judges still out could change it.
    /// </summary>
    /// <param name="jury">The seated judges (their output kinds), the aggregation, quorum, threshold and agreement rule.</param>
    /// <param name="verdicts">One per seated judge, in the jury's order; null for a judge that has not answered yet.</param>
    /// <param name="weights">Calibrated weights, as for <see cref="JuryAggregator.Aggregate"/>.</param>
    public static JuryDecision? TryDecide(
        JurySpec jury, IReadOnlyList<JudgeVerdict?> verdicts, IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(jury);
        ArgumentNullException.ThrowIfNull(verdicts);
        var open = Enumerable.Range(0, verdicts.Count).Where(i => verdicts[i] is null).ToList();
        var choices = open.Select(i => Completions(jury, jury.Judges[i])).ToList();
        var total = choices.Aggregate(1L, (product, c) => Math.Min(product * c.Count, MaxCompletions + 1L));
        if (total > MaxCompletions)
        {
            return null;
        }

        var trial = verdicts.ToArray();
        var picked = new int[open.Count];
        (bool, bool, bool, int?)? settled = null;
        while (true)
        {
            foreach (var high in new[] { false, true })
            {
                for (var k = 0; k < open.Count; k++)
                {
                    var (low, top) = choices[k][picked[k]];
                    trial[open[k]] = high ? top : low;
                }

                var outcome = Outcome(JuryAggregator.Aggregate(jury, trial!, weights));
                settled ??= outcome;
                if (settled != outcome)
                {
                    return null;
                }
            }

            if (!Next(picked, choices))
            {
                break;
            }
        }

        // Every completion agrees; the one where nobody else answers says how many did.
        for (var k = 0; k < open.Count; k++)
        {
            trial[open[k]] = Silent(jury.Judges[open[k]]);
        }

        return JuryAggregator.Aggregate(jury, trial!, weights);
    }

    /// <summary>What the verdict means to a caller: no quorum, escalated (the vote then does not count), or the vote.</summary>
    private static (bool QuorumMet, bool Escalated, bool Passed, int? Choice) Outcome(JuryDecision decision) => decision switch
    {
        { QuorumMet: false } => (false, false, false, null),
        { Escalated: true } => (true, true, false, null),
        _ => (true, false, decision.Passed, decision.Choice),
    };

    /// <summary>Odometer over the completions: false once every combination has been tried.</summary>
    private static bool Next(int[] picked, List<List<(JudgeVerdict Low, JudgeVerdict High)>> choices)
    {
        for (var k = 0; k < picked.Length; k++)
        {
            if (++picked[k] < choices[k].Count)
            {
                return true;
            }

            picked[k] = 0;
        }

        return false;
    }

    private static JudgeVerdict Silent(JudgeSpec judge) => JudgeVerdict.Failed(judge.Name, judge.Model, "not answered yet");

    /// <summary>What a judge still out may yet say, each as the lowest and highest score that answer allows.</summary>
    private static List<(JudgeVerdict Low, JudgeVerdict High)> Completions(JurySpec jury, JudgeSpec judge)
    {
        JudgeVerdict Answer(double score, bool passed, int? choice = null) => new(judge.Name, judge.Model, true, score, passed, choice);
        var silent = Silent(judge);
        var completions = new List<(JudgeVerdict, JudgeVerdict)> { (silent, silent) };
        switch (judge.Output)
        {
            case JudgeOutput.Pairwise:
                completions.Add((Answer(1, true, 1), Answer(1, true, 1)));
                completions.Add((Answer(0, false, 2), Answer(0, false, 2)));
                completions.Add((Answer(0.5, false, 0), Answer(0.5, false, 0)));
                break;
            case JudgeOutput.PassFail:
                completions.Add((Answer(1, true), Answer(1, true)));
                completions.Add((Answer(0, false), Answer(0, false)));
                break;
            default:
                // A score judge passes at or above the threshold; a failing score lies below it (bounded above by it).
                var threshold = jury.PassThreshold;
                if (threshold <= 1)
                {
                    completions.Add((Answer(Math.Max(threshold, 0), true), Answer(1, true)));
                }

                if (threshold > 0)
                {
                    completions.Add((Answer(0, false), Answer(Math.Min(threshold, 1), false)));
                }

                break;
        }

        return completions;
    }
}
