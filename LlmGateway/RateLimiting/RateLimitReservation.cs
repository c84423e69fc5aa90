namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Capacity taken at admission, to be settled once the real usage is known.</summary>
public sealed record RateLimitReservation(string Caller, string Model, string PriorityClass, int ReservedTokens)
{
    /// <summary>True when the in-process fallback limiter (Redis unreachable) took the capacity, so it settles there too.</summary>
    public bool Local { get; init; }
}
