namespace Agentic.LlmGateway.RateLimiting;

/// <summary>One caller's per-model limits and queueing.</summary>
public sealed class CallerRateLimitOptions
{
    /// <summary>Per caller × model requests per minute for every model; null falls back to the caller defaults.</summary>
    public long? RequestsPerMinute { get; set; }

    /// <summary>Per caller × model tokens per minute for every model; null falls back to the caller defaults.</summary>
    public long? TokensPerMinute { get; set; }

    /// <summary>How long this caller's requests may wait for capacity; null falls back to the global setting.</summary>
    public TimeSpan? MaxQueueWait { get; set; }

    /// <summary>Per model limits for this caller, by model name (win over everything else).</summary>
    public Dictionary<string, RateLimitSettings> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
