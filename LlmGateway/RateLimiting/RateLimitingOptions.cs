namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// Rate limits for the gateway, bound from the "RateLimiting" configuration section. A limit of 0 (or an
/// absent one) means unlimited for that dimension and scope.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Prefix of every Redis key the limiter writes.</summary>
    public string KeyPrefix { get; set; } = "rl";

    /// <summary>Name of the Redis connection string (ConnectionStrings:{name}), as Aspire's WithReference(redis) sets it.</summary>
    public string ConnectionName { get; set; } = "redis";

    /// <summary>Whose clock the decisions use: Redis <c>TIME</c> (default) or the gateway's, clamped.</summary>
    public RateLimitClock Clock { get; set; } = RateLimitClock.Server;

    /// <summary>With <see cref="RateLimitClock.Client"/>: how far a gateway's clock may stray from the shared one.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Burst capacity of every limit, in seconds of its rate (at least one request or token). One second by
    /// default: providers enforce per-minute quotas over short windows (OpenAI may enforce 600 RPM as 10 a
    /// second), so a minute's worth at once (60) would pass the gateway and be refused by the provider.
    /// </summary>
    public double BurstSeconds { get; set; } = 1;

    /// <summary>Share of each model and global limit kept for <see cref="InteractivePriorityClass"/>; other classes cannot use it.</summary>
    public double InteractiveReservedShare { get; set; } = 0.2;

    /// <summary>The priority class that may use the reserved share; every other class sees the lower capacity.</summary>
    public string InteractivePriorityClass { get; set; } = "interactive";

    /// <summary>What to do while Redis is unreachable, unless a model says otherwise.</summary>
    public RateLimitFailurePolicy FailurePolicy { get; set; } = RateLimitFailurePolicy.FailOpen;

    /// <summary>Gateway instances expected to share the limits; the local fallback divides every rate by it.</summary>
    public int ExpectedInstances { get; set; } = 1;

    /// <summary>Longest a decision waits for Redis before the failure policy applies.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most decisions of one model (one Redis hash tag) decided by one script call. Decisions that arrive
    /// while that model's previous call is in flight go together in the next; the bound keeps any one script
    /// short, since Redis runs nothing else meanwhile. 1 sends every decision as its own call, none waiting.
    /// </summary>
    public int MaxDecisionsPerBatch { get; set; } = 128;

    /// <summary>How long a caller's request may wait for capacity instead of an immediate 429, unless the caller says otherwise.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.Zero;

    /// <summary>Limits across every caller and model (optional).</summary>
    public RateLimitSettings Global { get; set; } = new();

    /// <summary>Per caller × model limits for callers (or models) without their own entry.</summary>
    public RateLimitSettings CallerDefaults { get; set; } = new();

    /// <summary>Model (provider quota) limits for models without their own entry.</summary>
    public ModelRateLimitOptions DefaultModel { get; set; } = new();

    /// <summary>Per model (provider quota) limits, by public model name.</summary>
    public Dictionary<string, ModelRateLimitOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per caller overrides, by caller name.</summary>
    public Dictionary<string, CallerRateLimitOptions> Callers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
