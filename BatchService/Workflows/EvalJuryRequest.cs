namespace Agentic.BatchService.Workflows;

/// <summary>
/// Input of eval-service's jury workflow (<see cref="EvalJury.WorkflowType"/>), batch-service's copy of its contract:
/// the services share a workflow by type name, task queue and JSON shape, not by code.
/// </summary>
public record EvalJuryRequest(string Suite, int SuiteVersion, IReadOnlyList<EvalJuryCase> Cases);
