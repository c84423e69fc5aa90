namespace Agentic.LlmGateway.Configuration;

/// <summary>One caller of the gateway.</summary>
public sealed class CallerOptions
{
    /// <summary>The caller's bearer key (from secrets or the environment); a caller without a key cannot call.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The caller's priority class for rate limiting, e.g. "interactive" or "batch".</summary>
    public string PriorityClass { get; set; } = "batch";
}
