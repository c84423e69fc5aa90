namespace Agentic.EvalService.Workflows;

public sealed record RecordTurnInput(string Suite, TurnState State);
