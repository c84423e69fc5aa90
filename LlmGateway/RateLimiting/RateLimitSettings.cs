namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Requests and tokens per minute; 0 means unlimited.</summary>
public class RateLimitSettings
{
    public long RequestsPerMinute { get; set; }

    public long TokensPerMinute { get; set; }
}
