namespace Agentic.BatchService.Workflows;

/// <summary>What a shadow comparison hands to its next run when it continues as new.</summary>
public record ShadowCarry(ShadowPlan Plan, int NextChunk, ShadowTally Tally, DateTime StartedAt, int Run, ShadowJuryPanel? Jury = null);
