namespace Agentic.BatchService.Workflows;

/// <summary>The jury's verdicts on a chunk's changed pairs, to be written into its result records and counted.</summary>
public record ApplyShadowJuryInput(
    string OutputLocation,
    int Chunk,
    double SimilarityThreshold,
    bool ByCategory,
    IReadOnlyList<EvalJuryCaseVerdict> Verdicts,
    IReadOnlyList<ShadowJuryMiss> Misses);
