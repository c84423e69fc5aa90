namespace Agentic.EvalService.Suites;

/// <summary>How a jury turns its judges' answers into one verdict.</summary>
public enum Aggregation
{
    Mean,
    Median,
    Min,
    Max,
    Majority,
    WeightedMean,
    AllMustPass,
}
