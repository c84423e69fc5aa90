namespace Agentic.LlmGateway.RateLimiting;

/// <summary>The limiter's answer for one call.</summary>
/// <param name="Allowed">True when the call may go upstream.</param>
/// <param name="RetryAfter">When denied: how long until the call would be admitted.</param>
/// <param name="Headers">OpenAI-style x-ratelimit-* headers (and Retry-After when denied) to return to the caller.</param>
/// <param name="Reservation">When allowed: what to settle after the call; null when denied.</param>
public sealed record RateLimitDecision(
    bool Allowed,
    TimeSpan RetryAfter,
    IReadOnlyDictionary<string, string> Headers,
    RateLimitReservation? Reservation);
