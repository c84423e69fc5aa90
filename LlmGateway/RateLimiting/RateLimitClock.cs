namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Where the limiter's notion of "now" comes from.</summary>
public enum RateLimitClock
{
    /// <summary>The Redis server's <c>TIME</c>, read inside the script: one clock for every gateway instance.</summary>
    Server,

    /// <summary>
    /// The gateway's own clock, for managed Redis that forbids <c>TIME</c> in scripts; clamped to within
    /// <see cref="RateLimitingOptions.MaxClockSkew"/> of a clock Redis keeps with key expiry.
    /// </summary>
    Client,
}
