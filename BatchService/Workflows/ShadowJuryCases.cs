namespace Agentic.BatchService.Workflows;

/// <summary>The changed pairs of a chunk as jury cases (case id = row id).</summary>
public record ShadowJuryCases(IReadOnlyList<EvalJuryCase> Cases);
