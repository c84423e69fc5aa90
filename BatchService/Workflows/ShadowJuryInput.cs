namespace Agentic.BatchService.Workflows;

/// <summary>Input of <see cref="ShadowJuryWorkflow"/>: the changed pairs of one compared chunk go before the jury.</summary>
public record ShadowJuryInput(
    string JobId, string OutputLocation, int Chunk, ShadowJurySpec Jury, int SuiteVersion, double SimilarityThreshold, bool ByCategory);
