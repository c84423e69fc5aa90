namespace Agentic.EvalService.Workflows;

/// <summary>
/// What eval-service told the caller when its budget ran out before the workflow answered (the worker was busy or
/// down): the suite's late policy, decided outside the workflow, which the workflow must then honour.
/// </summary>
public sealed record LateAnswer(TurnDecision Decision);
