namespace Agentic.BatchService.Workflows;

/// <summary>Pairs a jury call did not judge (it failed or timed out), and why.</summary>
public record ShadowJuryMiss(IReadOnlyList<string> RowIds, string Error);
