namespace Agentic.BatchService.Workflows;

/// <summary>
/// Input of <see cref="ShadowComparisonWorkflow"/>. <see cref="Carry"/> is null on the first run and holds the
/// state handed over by continue-as-new afterwards. Models are names only: no secret is in a workflow input.
/// With <see cref="Jury"/>, eval-service's jury judges changed pairs instead of <see cref="JudgeModel"/>.
/// </summary>
public record ShadowComparisonInput(
    string JobId,
    ShadowSideSpec Baseline,
    ShadowSideSpec Candidate,
    string? CategoryColumn,
    string? EmbeddingModel,
    string? JudgeModel,
    ShadowThresholds Thresholds,
    string OutputLocation,
    int ChunkSize,
    int MaxConcurrentChunks,
    int ChunksPerRun,
    ShadowCarry? Carry = null,
    ShadowJurySpec? Jury = null);
