namespace Agentic.EvalService.Workflows;

/// <summary>A verdict change to POST to the caller's callback URL.</summary>
public sealed record TurnNotification(string CallbackUrl, TurnState State);
