namespace Agentic.BatchService.Workflows;

/// <summary>
/// When a changed row counts as diverged (similarity below <see cref="SimilarityThreshold"/>), and when the
/// whole comparison is an anomaly: more than <see cref="MaxChangedShare"/> of compared rows changed, or a mean
/// similarity below <see cref="MinMeanSimilarity"/> (when set).
/// </summary>
public record ShadowThresholds(double SimilarityThreshold, double MaxChangedShare, double? MinMeanSimilarity);
