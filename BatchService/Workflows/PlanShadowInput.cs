namespace Agentic.BatchService.Workflows;

public record PlanShadowInput(string JobId, ShadowSideSpec Baseline, ShadowSideSpec Candidate, string? CategoryColumn, string OutputLocation, int ChunkSize);
