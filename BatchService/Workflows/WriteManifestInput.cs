namespace Agentic.BatchService.Workflows;

public record WriteManifestInput(
    string JobId,
    string OutputLocation,
    BatchJobStatus Status,
    string? Message,
    BatchPlan? Plan,
    BatchTotals Totals,
    DateTime StartedAt,
    DateTime FinishedAt,
    decimal? CostUsd = null);
