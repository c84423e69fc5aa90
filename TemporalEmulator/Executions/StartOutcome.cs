namespace Agentic.Emulator.Executions;

/// <summary>The run a start request ended on, and whether this request created it.</summary>
internal sealed record StartOutcome(WorkflowRun Execution, bool Started);
