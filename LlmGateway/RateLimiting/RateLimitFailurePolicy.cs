namespace Agentic.LlmGateway.RateLimiting;

/// <summary>What a limit does while Redis is unreachable.</summary>
public enum RateLimitFailurePolicy
{
    /// <summary>Keep admitting through an in-process limiter at the same rates divided by the expected instance count.</summary>
    FailOpen,

    /// <summary>Refuse with 503 until Redis is back.</summary>
    FailClosed,
}
