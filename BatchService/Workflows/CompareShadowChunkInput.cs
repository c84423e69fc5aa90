namespace Agentic.BatchService.Workflows;

public record CompareShadowChunkInput(
    string JobId, string OutputLocation, int Chunk, string? CategoryColumn, string? EmbeddingModel, string? JudgeModel, double SimilarityThreshold);
