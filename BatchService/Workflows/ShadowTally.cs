namespace Agentic.BatchService.Workflows;

/// <summary>
/// Counters of compared row pairs, summed over chunks. A row "changed" when its normalised texts differ; its
/// similarity goes into <see cref="Histogram"/> (<see cref="HistogramBins"/> equal bins over [0, 1], negative
/// cosines in the first). Categories beyond <see cref="MaxCategories"/> are summed under <see cref="OtherCategory"/>,
/// so the tally, which travels in the workflow history, stays bounded. <see cref="JuryEscalated"/> counts changed rows
/// eval-service's jury did not decide; <see cref="CostUsd"/> prices the calls made with the gateway's prices.
/// </summary>
public record ShadowTally(
    long Compared,
    long Failed,
    long ExactMatches,
    long NormalizedMatches,
    long Changed,
    long Diverged,
    double SimilaritySum,
    long SimilarityCount,
    double ChangedSimilaritySum,
    long ChangedSimilarityCount,
    long JudgedEquivalent,
    long JudgedDifferent,
    long Tokens,
    IReadOnlyList<long> Histogram,
    IReadOnlyList<ShadowCategoryTally> Categories,
    long JuryEscalated = 0,
    decimal CostUsd = 0)
{
    public const int HistogramBins = 20;

    public const int MaxCategories = 200;

    public const string OtherCategory = "(other)";

    public static ShadowTally Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[HistogramBins], []);

    public static int BinOf(double similarity) => Math.Clamp((int)Math.Floor(similarity * HistogramBins), 0, HistogramBins - 1);

    public ShadowTally Add(ShadowTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var histogram = new long[HistogramBins];
        for (var i = 0; i < HistogramBins; i++)
        {
            histogram[i] = (i < Histogram.Count ? Histogram[i] : 0) + (i < other.Histogram.Count ? other.Histogram[i] : 0);
        }

        return new ShadowTally(
            Compared + other.Compared,
            Failed + other.Failed,
            ExactMatches + other.ExactMatches,
            NormalizedMatches + other.NormalizedMatches,
            Changed + other.Changed,
            Diverged + other.Diverged,
            SimilaritySum + other.SimilaritySum,
            SimilarityCount + other.SimilarityCount,
            ChangedSimilaritySum + other.ChangedSimilaritySum,
            ChangedSimilarityCount + other.ChangedSimilarityCount,
            JudgedEquivalent + other.JudgedEquivalent,
            JudgedDifferent + other.JudgedDifferent,
            Tokens + other.Tokens,
            histogram,
            MergeCategories(Categories, other.Categories),
            JuryEscalated + other.JuryEscalated,
            CostUsd + other.CostUsd);
    }

    /// <summary>Rows that failed without being compared (a whole chunk that gave up).</summary>
    public ShadowTally WithFailed(long rows) => this with { Failed = Failed + rows };

    private static List<ShadowCategoryTally> MergeCategories(IReadOnlyList<ShadowCategoryTally> left, IReadOnlyList<ShadowCategoryTally> right)
    {
        var merged = new Dictionary<string, ShadowCategoryTally>(StringComparer.Ordinal);
        foreach (var category in left.Concat(right))
        {
            var name = merged.ContainsKey(category.Category) || merged.Count < MaxCategories ? category.Category : OtherCategory;
            merged[name] = merged.TryGetValue(name, out var existing) ? existing.Add(category with { Category = name }) : category with { Category = name };
        }

        return merged.Values.OrderBy(c => c.Category, StringComparer.Ordinal).ToList();
    }
}
