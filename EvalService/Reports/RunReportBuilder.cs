using System.Text.Json;
using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Reports;

/// <summary>Turns a run's stored rows (and the previous run's) into its report: pure computation, no I/O.</summary>
public static class RunReportBuilder
{
    public static RunReport Build(
        StoredRun run,
        IReadOnlyList<StoredCase> cases,
        IReadOnlyList<StoredJudgeVerdict> verdicts,
        StoredRun? previous,
        IReadOnlyList<StoredCase> previousCases)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(previousCases);
        var (regressions, improvements) = Changes(cases, previousCases);
        return new RunReport(
            run,
            previous,
            CheckSummaries(cases),
            JudgeSummaries(verdicts),
            Agreement(cases, verdicts),
            regressions,
            improvements,
            cases.Where(c => c.State == CaseState.Escalated).ToList());
    }

    /// <summary>A judge's answer as a category: pairwise choice, or 1 pass / 2 fail; null when it did not answer.</summary>
    public static int? Vote(StoredJudgeVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return !verdict.Answered ? null : verdict.Choice ?? (verdict.Passed == true ? 1 : 2);
    }

    public static AgreementMatrix Agreement(IReadOnlyList<StoredCase> cases, IReadOnlyList<StoredJudgeVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(verdicts);
        var judges = verdicts.Select(v => v.Judge).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byCase = verdicts.ToLookup(v => v.CaseId, StringComparer.Ordinal);
        var rated = cases.Where(c => byCase.Contains(c.CaseId)).ToList();

        // votes[case][judge]; a judge with no row for a case did not answer it.
        var votes = rated.Select(c => (IReadOnlyList<int?>)judges
            .Select(j => byCase[c.CaseId].FirstOrDefault(v => v.Judge == j) is { } v ? Vote(v) : null)
            .ToList()).ToList();
        var kappa = judges.Select((_, a) => (IReadOnlyList<double>)judges.Select((_, b) => a == b
            ? 1.0
            : Judging.Agreement.CohenKappa(votes.Select(row => row[a]).ToList(), votes.Select(row => row[b]).ToList())).ToList()).ToList();
        var fleiss = judges.Count >= 2 ? Judging.Agreement.FleissKappa(votes) : double.NaN;
        return new AgreementMatrix(judges, kappa, fleiss);
    }

    private static List<ScoreSummary> CheckSummaries(IReadOnlyList<StoredCase> cases)
    {
        var outcomes = cases.SelectMany(c => ParseChecks(c.ChecksJson));
        return outcomes.GroupBy(o => o.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ScoreSummary.Of(g.Key, g.Select(o => (o.Passed, o.Score)).ToList()))
            .ToList();
    }

    private static List<ScoreSummary> JudgeSummaries(IReadOnlyList<StoredJudgeVerdict> verdicts) =>
        verdicts.Where(v => v.Answered)
            .GroupBy(v => v.Judge, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ScoreSummary.Of(g.Key, g.Select(v => (v.Passed == true, v.Score ?? 0)).ToList()))
            .ToList();

    private static (List<CaseChange> Regressions, List<CaseChange> Improvements) Changes(
        IReadOnlyList<StoredCase> cases, IReadOnlyList<StoredCase> previousCases)
    {
        var before = previousCases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var regressions = new List<CaseChange>();
        var improvements = new List<CaseChange>();
        foreach (var current in cases)
        {
            if (!before.TryGetValue(current.CaseId, out var previous))
            {
                continue;
            }

            if (previous.State == CaseState.Passed && current.State is CaseState.Failed)
            {
                regressions.Add(new CaseChange(previous, current));
            }
            else if (previous.State == CaseState.Failed && current.State == CaseState.Passed)
            {
                improvements.Add(new CaseChange(previous, current));
            }
        }

        return (regressions, improvements);
    }

    /// <summary>Reads only what the summary needs (id, passed, score), so the report does not depend on the rest of the row's shape.</summary>
    private static List<(string Id, bool Passed, double Score)> ParseChecks(string json)
    {
        var outcomes = new List<(string, bool, double)>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return outcomes;
            }

            foreach (var check in document.RootElement.EnumerateArray())
            {
                if (check.ValueKind == JsonValueKind.Object
                    && check.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && check.TryGetProperty("passed", out var passed) && passed.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    var score = check.TryGetProperty("score", out var s) && s.TryGetDouble(out var value) ? value : passed.GetBoolean() ? 1 : 0;
                    outcomes.Add((id.GetString()!, passed.GetBoolean(), score));
                }
            }
        }
        catch (JsonException)
        {
            // A malformed row leaves its checks out of the summary rather than failing the page.
        }

        return outcomes;
    }
}
