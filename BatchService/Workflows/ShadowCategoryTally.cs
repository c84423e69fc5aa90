namespace Agentic.BatchService.Workflows;

/// <summary>The compared rows of one category value.</summary>
public record ShadowCategoryTally(string Category, long Rows, long Changed, double SimilaritySum, long SimilarityCount)
{
    public ShadowCategoryTally Add(ShadowCategoryTally other) => new(
        Category, Rows + other.Rows, Changed + other.Changed, SimilaritySum + other.SimilaritySum, SimilarityCount + other.SimilarityCount);
}
