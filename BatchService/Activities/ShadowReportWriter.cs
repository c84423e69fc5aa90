using System.Text.Json;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>Writes a comparison's manifest (JSON, for machines) and its report page (HTML, for people).</summary>
public sealed class ShadowReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public async Task<ShadowReportResult> WriteAsync(WriteShadowReportInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var verdict = ShadowVerdict.Of(input.Tally, input.Job.Thresholds);
        var output = input.Job.OutputLocation;
        Directory.CreateDirectory(output);
        var manifestPath = ShadowPaths.Manifest(output);
        var reportPath = ShadowPaths.Report(output);
        await WriteAtomicallyAsync(manifestPath, JsonSerializer.Serialize(Manifest(input, verdict, reportPath), Json), cancellationToken);
        await WriteAtomicallyAsync(reportPath, ShadowReportPage.Render(input, verdict), cancellationToken);
        return new ShadowReportResult(manifestPath, reportPath);
    }

    private static Dictionary<string, object?> Manifest(WriteShadowReportInput input, ShadowVerdict verdict, string reportPath)
    {
        var job = input.Job;
        var tally = input.Tally;
        var plan = input.Plan;
        return new Dictionary<string, object?>
        {
            ["job_id"] = job.JobId,
            ["kind"] = "shadow_comparison",
            ["status"] = input.Status.ToString().ToLowerInvariant(),
            ["message"] = input.Message,
            ["started_at"] = input.StartedAt,
            ["finished_at"] = input.FinishedAt,
            ["baseline"] = job.Baseline.Path,
            ["candidate"] = job.Candidate.Path,
            ["category_column"] = job.CategoryColumn,
            ["embedding_model"] = job.EmbeddingModel,
            ["judge_model"] = job.JudgeModel,
            ["jury"] = input.Jury is { } jury
                ? new Dictionary<string, object?> { ["suite"] = jury.Suite, ["suite_version"] = jury.SuiteVersion, ["judges"] = jury.Judges }
                : null,
            ["thresholds"] = new Dictionary<string, object?>
            {
                ["similarity_threshold"] = job.Thresholds.SimilarityThreshold,
                ["max_changed_share"] = job.Thresholds.MaxChangedShare,
                ["min_mean_similarity"] = job.Thresholds.MinMeanSimilarity,
            },
            ["pairs_total"] = plan?.PairsTotal ?? 0,
            ["pairs_compared"] = tally.Compared,
            ["rows_failed"] = tally.Failed,
            ["only_in_baseline"] = plan?.OnlyInBaseline ?? 0,
            ["only_in_candidate"] = plan?.OnlyInCandidate ?? 0,
            ["only_in_baseline_sample"] = plan?.OnlyInBaselineSample ?? [],
            ["only_in_candidate_sample"] = plan?.OnlyInCandidateSample ?? [],
            ["exact_matches"] = tally.ExactMatches,
            ["normalized_matches"] = tally.NormalizedMatches,
            ["changed"] = tally.Changed,
            ["changed_share"] = verdict.ChangedShare,
            ["diverged"] = tally.Diverged,
            ["mean_similarity"] = verdict.MeanSimilarity,
            ["mean_changed_similarity"] = verdict.MeanChangedSimilarity,
            ["judged_equivalent"] = tally.JudgedEquivalent,
            ["judged_different"] = tally.JudgedDifferent,
            ["jury_escalated"] = tally.JuryEscalated,
            ["tokens_used"] = tally.Tokens,
            ["cost_usd"] = tally.CostUsd,
            ["changed_similarity_histogram"] = tally.Histogram.Select((count, bin) => new Dictionary<string, object>
            {
                ["from"] = (double)bin / ShadowTally.HistogramBins,
                ["to"] = (double)(bin + 1) / ShadowTally.HistogramBins,
                ["rows"] = count,
            }).ToList(),
            ["anomaly"] = verdict.Anomaly,
            ["anomaly_reasons"] = verdict.AnomalyReasons,
            ["categories"] = verdict.Categories.Select(c => new Dictionary<string, object>
            {
                ["category"] = c.Category,
                ["rows"] = c.Rows,
                ["changed"] = c.Changed,
                ["changed_share"] = c.ChangedShare,
                ["mean_similarity"] = c.MeanSimilarity,
                ["moved"] = c.Moved,
            }).ToList(),
            ["rows_directory"] = ShadowPaths.RowsDirectory(job.OutputLocation),
            ["only_in_baseline_file"] = ShadowPaths.OnlyInBaseline(job.OutputLocation),
            ["only_in_candidate_file"] = ShadowPaths.OnlyInCandidate(job.OutputLocation),
            ["report"] = reportPath,
        };
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var work = path + ".tmp";
        await File.WriteAllTextAsync(work, content, cancellationToken);
        File.Move(work, path, overwrite: true);
    }
}
