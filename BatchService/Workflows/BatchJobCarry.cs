namespace Agentic.BatchService.Workflows;

/// <summary>State carried across continue-as-new: counters and where to resume, never per-row data.</summary>
public record BatchJobCarry(
    BatchPlan Plan,
    int NextPart,
    BatchTotals Totals,
    DateTime StartedAt,
    string? StopReason,
    BatchJobStatus? StopStatus,
    int Run);
