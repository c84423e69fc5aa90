using Agentic.EvalService.Judging;
using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Runs;

/// <summary>
/// What a run's stored results say about its judges: each judge's accuracy and the jury's (on cases with gold
/// labels; the jury's on the cases it decided), and their agreement (Cohen's kappa per pair, Fleiss' kappa).
/// </summary>
public sealed record RunStatistics(
    IReadOnlyList<JudgeAccuracy> Judges,
    IReadOnlyList<JudgePairKappa> Kappa,
    double FleissKappa,
    int JuryLabelled,
    int JuryCorrect)
{
    public double JuryAccuracy => JuryLabelled == 0 ? double.NaN : (double)JuryCorrect / JuryLabelled;

    public static RunStatistics Compute(IReadOnlyList<StoredCase> cases, IReadOnlyList<StoredJudgeVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(verdicts);
        var gold = cases.ToDictionary(c => c.CaseId, c => GoldLabels.Vote(c.GoldLabel), StringComparer.Ordinal);
        var judges = verdicts.Select(v => v.Judge).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byCase = verdicts.GroupBy(v => v.CaseId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Judge, GoldLabels.JudgeVote, StringComparer.Ordinal), StringComparer.Ordinal);

        var accuracies = judges.Select(judge =>
        {
            var mine = verdicts.Where(v => v.Judge == judge).ToList();
            var labelled = mine.Where(v => gold.GetValueOrDefault(v.CaseId) is not null).ToList();
            return new JudgeAccuracy(judge, mine.Count(v => v.Answered), labelled.Count,
                labelled.Count(v => GoldLabels.JudgeVote(v) is { } vote && vote == gold[v.CaseId]));
        }).ToList();

        var judgedCases = byCase.Keys.Order(StringComparer.Ordinal).ToList();
        int? VoteOf(string caseId, string judge) => byCase[caseId].GetValueOrDefault(judge);
        var kappa = new List<JudgePairKappa>();
        for (var a = 0; a < judges.Count; a++)
        {
            for (var b = a + 1; b < judges.Count; b++)
            {
                kappa.Add(new JudgePairKappa(judges[a], judges[b], Agreement.CohenKappa(
                    judgedCases.Select(c => VoteOf(c, judges[a])).ToList(),
                    judgedCases.Select(c => VoteOf(c, judges[b])).ToList())));
            }
        }

        var fleiss = judges.Count < 2 ? double.NaN : Agreement.FleissKappa(
            judgedCases.Select(c => (IReadOnlyList<int?>)judges.Select(j => VoteOf(c, j)).ToList()).ToList());
        var decidedLabelled = cases.Where(c => gold[c.CaseId] is not null && GoldLabels.JuryVote(c) is not null).ToList();
        return new RunStatistics(accuracies, kappa, fleiss, decidedLabelled.Count,
            decidedLabelled.Count(c => GoldLabels.JuryVote(c) == gold[c.CaseId]));
    }
}
