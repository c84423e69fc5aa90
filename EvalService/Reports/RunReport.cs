using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Reports;

/// <summary>Everything the report page of one offline run shows, computed from the stored rows.</summary>
public sealed record RunReport(
    StoredRun Run,
    StoredRun? Previous,
    IReadOnlyList<ScoreSummary> Checks,
    IReadOnlyList<ScoreSummary> Judges,
    AgreementMatrix Agreement,
    IReadOnlyList<CaseChange> Regressions,
    IReadOnlyList<CaseChange> Improvements,
    IReadOnlyList<StoredCase> Escalated)
{
    /// <summary>Passed among the cases the jury or checks decided (escalated and errored cases excluded).</summary>
    public static double PassRate(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var decided = run.CasesPassed + run.CasesFailed;
        return decided == 0 ? 0 : (double)run.CasesPassed / decided;
    }
}
