using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Reports;

/// <summary>The reads behind the report pages, over <see cref="RunStore"/>.</summary>
public sealed class ReportQueries(RunStore runs)
{
    /// <summary>How many runs of a suite the trend page and the previous-run lookup look back over.</summary>
    public const int History = 500;

    public async Task<RunReport?> RunReportAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var cases = await runs.ListCasesAsync(runId, cancellationToken);
        var verdicts = await runs.ListJudgeVerdictsAsync(runId, cancellationToken);

        // The baseline is the last completed run of the same suite created before this one.
        var previous = (await runs.ListAsync(run.Suite, History, cancellationToken))
            .Where(r => r.RunId != run.RunId && r.State == EvalRunState.Completed && r.CreatedAt <= run.CreatedAt)
            .OrderByDescending(r => r.CreatedAt)
            .FirstOrDefault();
        var previousCases = previous is null ? [] : await runs.ListCasesAsync(previous.RunId, cancellationToken);
        return RunReportBuilder.Build(run, cases, verdicts, previous, previousCases);
    }

    /// <summary>The suite's runs, oldest first.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(string suite, CancellationToken cancellationToken) =>
        (await runs.ListAsync(suite, History, cancellationToken))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new TrendPoint(r.RunId, r.CreatedAt, r.SuiteVersion, r.ScheduleId, r.CasesDone, RunReport.PassRate(r), r.CostUsd))
            .ToList();

    public Task<IReadOnlyList<StoredRun>> RecentRunsAsync(CancellationToken cancellationToken) =>
        runs.ListAsync(null, 100, cancellationToken);
}
