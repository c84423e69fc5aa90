namespace Agentic.LlmGateway.RateLimiting;

/// <summary>One call asking for admission.</summary>
/// <param name="Caller">The authenticated caller name (never the API key).</param>
/// <param name="Model">The public model name the caller asked for.</param>
/// <param name="PriorityClass">The caller's priority class, e.g. "interactive" or "batch".</param>
/// <param name="ReservedTokens">Prompt tokens (tokenizer count) plus the completion allowance.</param>
public sealed record RateLimitRequest(string Caller, string Model, string PriorityClass, int ReservedTokens);
