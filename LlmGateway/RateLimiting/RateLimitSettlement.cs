namespace Agentic.LlmGateway.RateLimiting;

/// <summary>The tokens a call really used (prompt + completion, from the provider's usage).</summary>
public sealed record RateLimitSettlement(RateLimitReservation Reservation, int ActualTokens);
