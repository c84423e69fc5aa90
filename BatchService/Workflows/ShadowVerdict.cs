namespace Agentic.BatchService.Workflows;

/// <summary>
/// What a tally says against the thresholds: shares, means, the anomaly flag with its reasons, and the
/// categories ordered by how much they moved (largest changed share first). Pure, so the status and the
/// report always agree.
/// </summary>
public record ShadowVerdict(
    double ChangedShare,
    double MeanSimilarity,
    double MeanChangedSimilarity,
    bool Anomaly,
    IReadOnlyList<string> AnomalyReasons,
    IReadOnlyList<ShadowCategoryVerdict> Categories)
{
    public static ShadowVerdict Of(ShadowTally tally, ShadowThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(thresholds);
        var changedShare = Share(tally.Changed, tally.Compared);
        var meanSimilarity = tally.SimilarityCount == 0 ? 0 : tally.SimilaritySum / tally.SimilarityCount;
        var reasons = new List<string>();
        if (tally.Compared > 0 && changedShare > thresholds.MaxChangedShare)
        {
            reasons.Add(FormattableString.Invariant($"{changedShare:P2} of compared rows changed (threshold {thresholds.MaxChangedShare:P2})"));
        }

        if (thresholds.MinMeanSimilarity is { } minimum && tally.SimilarityCount > 0 && meanSimilarity < minimum)
        {
            reasons.Add(FormattableString.Invariant($"mean similarity {meanSimilarity:F4} is below {minimum:F4}"));
        }

        var categories = tally.Categories
            .Select(c =>
            {
                var share = Share(c.Changed, c.Rows);
                return new ShadowCategoryVerdict(c.Category, c.Rows, c.Changed, share,
                    c.SimilarityCount == 0 ? 0 : c.SimilaritySum / c.SimilarityCount, share > thresholds.MaxChangedShare);
            })
            .OrderByDescending(c => c.ChangedShare)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        return new ShadowVerdict(
            changedShare,
            meanSimilarity,
            tally.ChangedSimilarityCount == 0 ? 0 : tally.ChangedSimilaritySum / tally.ChangedSimilarityCount,
            reasons.Count > 0,
            reasons,
            categories);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
