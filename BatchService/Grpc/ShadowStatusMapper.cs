using Agentic.Batch.V1;
using Agentic.BatchService.Workflows;
using Google.Protobuf.WellKnownTypes;

namespace Agentic.BatchService.Grpc;

/// <summary>Turns a comparison's progress into its gRPC status, the verdict included.</summary>
internal static class ShadowStatusMapper
{
    public static ShadowComparisonStatus ToStatus(ShadowProgress progress)
    {
        var tally = progress.Tally;
        var verdict = ShadowVerdict.Of(tally, progress.Thresholds);
        var status = new ShadowComparisonStatus
        {
            JobId = progress.JobId,
            State = BatchStatusMapper.ToState(progress.Status),
            PairsTotal = progress.Plan?.PairsTotal ?? 0,
            PairsCompared = tally.Compared,
            RowsFailed = tally.Failed,
            OnlyInBaseline = progress.Plan?.OnlyInBaseline ?? 0,
            OnlyInCandidate = progress.Plan?.OnlyInCandidate ?? 0,
            ExactMatches = tally.ExactMatches,
            NormalizedMatches = tally.NormalizedMatches,
            Changed = tally.Changed,
            ChangedShare = verdict.ChangedShare,
            MeanSimilarity = verdict.MeanSimilarity,
            MeanChangedSimilarity = verdict.MeanChangedSimilarity,
            Diverged = tally.Diverged,
            JudgedEquivalent = tally.JudgedEquivalent,
            JudgedDifferent = tally.JudgedDifferent,
            Anomaly = verdict.Anomaly,
            StartedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(progress.StartedAt, DateTimeKind.Utc)),
            ManifestLocation = progress.ManifestPath ?? string.Empty,
            ReportLocation = progress.ReportPath ?? string.Empty,
            Message = progress.Message ?? string.Empty,
            TokensUsed = tally.Tokens,
            JuryEscalated = tally.JuryEscalated,
            CostUsd = (double)tally.CostUsd,
            JurySuite = progress.Jury?.Suite ?? string.Empty,
            JurySuiteVersion = progress.Jury?.SuiteVersion ?? 0,
        };
        status.AnomalyReasons.AddRange(verdict.AnomalyReasons);
        status.Categories.AddRange(verdict.Categories.Select(c => new ShadowCategory
        {
            Category = c.Category,
            Rows = c.Rows,
            Changed = c.Changed,
            ChangedShare = c.ChangedShare,
            MeanSimilarity = c.MeanSimilarity,
            Moved = c.Moved,
        }));
        if (progress.FinishedAt is { } finished)
        {
            status.FinishedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(finished, DateTimeKind.Utc));
        }

        return status;
    }
}
