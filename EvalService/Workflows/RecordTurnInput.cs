namespace Agentic.EvalService.Workflows;

/// <summary>A turn's state to store. <see cref="JudgesOnly"/>: only judges that answered after the decision are new (not a new decision).</summary>
public sealed record RecordTurnInput(string Suite, TurnState State, bool JudgesOnly = false);
