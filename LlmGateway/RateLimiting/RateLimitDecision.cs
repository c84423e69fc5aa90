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
    RateLimitReservation? Reservation)
{
    /// <summary>
    /// True when the call is refused because the shared limiter is unreachable and the limit fails closed:
    /// answer 503, not 429.
    /// </summary>
    public bool Unavailable { get; init; }

    /// <summary>The HTTP status to answer a refused call with (429, or 503 when <see cref="Unavailable"/>); 200 when allowed.</summary>
    public int StatusCode => Allowed ? 200 : Unavailable ? 503 : 429;

    /// <summary>Which limit refused the call, e.g. "model:tokens" (scope:dimension); null when allowed. For logs and metrics.</summary>
    public string? LimitedBy { get; init; }
}
