namespace Agentic.BatchService.Workflows;

public record WriteShadowReportInput(ShadowComparisonInput Job, BatchJobStatus Status, string? Message, ShadowPlan? Plan, ShadowTally Tally, DateTime StartedAt, DateTime FinishedAt, ShadowJuryPanel? Jury = null);
