namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Whether the shared limiter (Redis) answered last time; read by the health check.</summary>
public sealed class RateLimiterStatus
{
    private int _unavailable;

    /// <summary>True while the last attempt to reach Redis failed.</summary>
    public bool RedisUnavailable => Volatile.Read(ref _unavailable) == 1;

    /// <summary>The last failure, for the health check's description.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? UnavailableSince { get; private set; }

    /// <summary>Records a failure; true when this changes the state (so the caller logs once).</summary>
    public bool ReportUnavailable(string error, DateTimeOffset now)
    {
        LastError = error;
        if (Interlocked.Exchange(ref _unavailable, 1) == 1)
        {
            return false;
        }

        UnavailableSince = now;
        return true;
    }

    /// <summary>Records a success; true when Redis has just come back.</summary>
    public bool ReportAvailable()
    {
        if (Volatile.Read(ref _unavailable) == 0 || Interlocked.Exchange(ref _unavailable, 0) == 0)
        {
            return false;
        }

        UnavailableSince = null;
        return true;
    }
}
