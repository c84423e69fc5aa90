namespace Agentic.EvalService.Workflows;

/// <summary>The caller waits at most <see cref="Budget"/> for a decision.</summary>
public sealed record DecisionRequest(TimeSpan Budget);
