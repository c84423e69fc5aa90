namespace Agentic.BatchService.Workflows;

/// <summary>Eval-service's jury workflow as other services start it: by type name on its task queue.</summary>
public static class EvalJury
{
    public const string WorkflowType = "JuryWorkflow";

    public const string DefaultTaskQueue = "eval-service";

    /// <summary>What every judge is asked about a changed pair, beside its suite's rubric.</summary>
    public const string EquivalenceInstruction =
        "Output (1) is the baseline answer and output (2) the candidate answer to the same request. Are they equivalent: " +
        "the same facts, the same decision, the same meaning, ignoring wording and formatting? Passing means equivalent.";
}
