namespace Agentic.LlmGateway.Auth;

/// <summary>An authenticated caller: its name (for limits, metrics and logs) and priority class. Never the key.</summary>
public sealed record CallerIdentity(string Name, string PriorityClass);
