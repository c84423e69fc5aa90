namespace Agentic.EvalService.Workflows;

/// <summary>What <see cref="JuryWorkflow"/> answers: the suite version that judged, its judges, and one verdict per case.</summary>
public sealed record JuryVerdicts(string Suite, int SuiteVersion, IReadOnlyList<string> Judges, IReadOnlyList<JuryCaseVerdict> Cases);
