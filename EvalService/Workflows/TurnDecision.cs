namespace Agentic.EvalService.Workflows;

/// <summary>A live turn's verdict, as the caller sees it (mirrors agentic.eval.v1.Decision).</summary>
public enum TurnDecision
{
    /// <summary>Nothing decided yet and the budget has not run out.</summary>
    Pending,
    Show,
    Block,
    RetractPending,
    ShowProvisional,
    Retract,
    Escalated,
}
