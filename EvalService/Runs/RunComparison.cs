using System.Text.Json;
using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Runs;

/// <summary>
/// Regressions and improvements between two runs, case by case (matched by case id) and metric by metric:
/// <c>verdict</c> (passed 1, failed or errored 0), <c>correct</c> (the jury's vote against the gold label),
/// <c>score</c> (the jury's score, moved by at least <see cref="ScoreTolerance"/>), <c>check:&lt;id&gt;</c>; and
/// over the run, <c>pass_rate</c> and <c>jury_accuracy</c>.
/// </summary>
public static class RunComparison
{
    public const double ScoreTolerance = 0.1;

    public static (IReadOnlyList<RunChange> Changes, int Unchanged) Compare(IReadOnlyList<StoredCase> baseline, IReadOnlyList<StoredCase> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var before = baseline.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var changes = new List<RunChange>();
        var unchanged = 0;
        foreach (var after in candidate)
        {
            if (!before.TryGetValue(after.CaseId, out var old))
            {
                continue;
            }

            var caseChanges = CaseChanges(old, after).ToList();
            changes.AddRange(caseChanges);
            unchanged += caseChanges.Count == 0 ? 1 : 0;
        }

        changes.AddRange(RunMetric("pass_rate", PassRate(baseline), PassRate(candidate)));
        changes.AddRange(RunMetric("jury_accuracy", JuryAccuracy(baseline), JuryAccuracy(candidate)));
        return (changes, unchanged);
    }

    private static IEnumerable<RunChange> CaseChanges(StoredCase old, StoredCase now)
    {
        RunChange Change(string metric, double a, double b) => new(now.CaseId, metric, a, b, old.Output, now.Output, b < a);

        if (Verdict(old) is { } a && Verdict(now) is { } b && a != b)
        {
            yield return Change("verdict", a, b);
        }

        var gold = GoldLabels.Vote(now.GoldLabel);
        if (gold is not null && GoldLabels.JuryVote(old) is { } oldVote && GoldLabels.JuryVote(now) is { } newVote && (oldVote == gold) != (newVote == gold))
        {
            yield return Change("correct", oldVote == gold ? 1 : 0, newVote == gold ? 1 : 0);
        }

        if (old.Score is { } oldScore && now.Score is { } newScore && Math.Abs(newScore - oldScore) >= ScoreTolerance)
        {
            yield return Change("score", oldScore, newScore);
        }

        var oldChecks = Checks(old);
        foreach (var (id, passed) in Checks(now))
        {
            if (oldChecks.TryGetValue(id, out var was) && was != passed)
            {
                yield return Change("check:" + id, was ? 1 : 0, passed ? 1 : 0);
            }
        }
    }

    private static int? Verdict(StoredCase result) => result.State switch
    {
        CaseState.Passed => 1,
        CaseState.Failed or CaseState.Error => 0,
        _ => null,
    };

    private static Dictionary<string, bool> Checks(StoredCase result)
    {
        using var document = JsonDocument.Parse(result.ChecksJson);
        return document.RootElement.EnumerateArray()
            .Where(c => c.TryGetProperty("id", out _) && c.TryGetProperty("passed", out _))
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("passed").GetBoolean(), StringComparer.Ordinal);
    }

    private static IEnumerable<RunChange> RunMetric(string metric, double baseline, double candidate)
    {
        if (!double.IsNaN(baseline) && !double.IsNaN(candidate) && Math.Abs(candidate - baseline) > 1e-9)
        {
            yield return new RunChange("", metric, baseline, candidate, "", "", candidate < baseline);
        }
    }

    private static double PassRate(IReadOnlyList<StoredCase> cases) =>
        cases.Count == 0 ? double.NaN : (double)cases.Count(c => c.State == CaseState.Passed) / cases.Count;

    private static double JuryAccuracy(IReadOnlyList<StoredCase> cases)
    {
        var labelled = cases.Where(c => GoldLabels.Vote(c.GoldLabel) is not null && GoldLabels.JuryVote(c) is not null).ToList();
        return labelled.Count == 0 ? double.NaN : (double)labelled.Count(c => GoldLabels.JuryVote(c) == GoldLabels.Vote(c.GoldLabel)) / labelled.Count;
    }
}
