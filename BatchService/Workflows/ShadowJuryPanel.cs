namespace Agentic.BatchService.Workflows;

/// <summary>The suite version whose jury judges a comparison (resolved once when it starts) and its judges.</summary>
public record ShadowJuryPanel(string Suite, int SuiteVersion, IReadOnlyList<string> Judges);
