namespace Agentic.BatchService.Workflows;

/// <summary>What eval-service's jury workflow answers: the suite version that judged, its judges, a verdict per case.</summary>
public record EvalJuryResult(string Suite, int SuiteVersion, IReadOnlyList<string> Judges, IReadOnlyList<EvalJuryCaseVerdict> Cases);
