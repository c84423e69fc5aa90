namespace Agentic.EvalService.Suites;

/// <summary>What a live turn answers when the budget ends before the jury.</summary>
public enum LateAction
{
    /// <summary>Show it now; a late failing verdict retracts it.</summary>
    ShowProvisional,

    /// <summary>Hold it until the jury decides.</summary>
    RetractPending,
}
