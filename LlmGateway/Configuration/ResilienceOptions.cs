namespace Agentic.LlmGateway.Configuration;

/// <summary>How the gateway rides out upstream 429s, 5xx and timeouts.</summary>
public sealed class ResilienceOptions
{
    /// <summary>Attempts on one deployment before failing over to the next (1 = no retry).</summary>
    public int MaxAttemptsPerDeployment { get; set; } = 2;

    /// <summary>First backoff; doubles per retry, with jitter, and never undercuts the upstream's Retry-After.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Longest the gateway waits before a retry. An upstream asking for longer is failed over at once (or its
    /// 429 and Retry-After handed to the caller when no deployment is left).
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest silence from an upstream (before headers or between body chunks) before giving up on it.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Consecutive failures after which a deployment is ejected.</summary>
    public int FailuresToEject { get; set; } = 3;

    /// <summary>How long an ejected deployment is skipped (unless every deployment is ejected).</summary>
    public TimeSpan EjectionDuration { get; set; } = TimeSpan.FromSeconds(30);
}
