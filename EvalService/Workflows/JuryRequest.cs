namespace Agentic.EvalService.Workflows;

/// <summary>
/// Input of <see cref="JuryWorkflow"/>: cases to put before the jury of suite <see cref="Suite"/> at
/// <see cref="SuiteVersion"/> (0 = the latest). No cases asks only which version and judges that is.
/// Other services start the workflow by its type name on eval-service's task queue, with their own copy of this record.
/// </summary>
public sealed record JuryRequest(string Suite, int SuiteVersion, IReadOnlyList<JuryCase> Cases);
