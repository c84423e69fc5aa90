namespace Agentic.BatchService.Workflows;

/// <summary>One category in the summary: its share of changed rows, mean similarity, and whether it moved.</summary>
public record ShadowCategoryVerdict(string Category, long Rows, long Changed, double ChangedShare, double MeanSimilarity, bool Moved);
