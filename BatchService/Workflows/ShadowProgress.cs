namespace Agentic.BatchService.Workflows;

/// <summary>Progress of a shadow comparison: the answer of its progress query and the workflow's result.</summary>
public record ShadowProgress(
    string JobId,
    BatchJobStatus Status,
    ShadowPlan? Plan,
    ShadowTally Tally,
    int ChunksCompleted,
    ShadowThresholds Thresholds,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? ManifestPath,
    string? ReportPath,
    string? Message,
    ShadowJuryPanel? Jury = null);
