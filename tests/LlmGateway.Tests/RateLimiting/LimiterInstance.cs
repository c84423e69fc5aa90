using Agentic.LlmGateway.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>One gateway instance's limiter: its own multiplexer, status and clock, as in a separate process.</summary>
internal sealed class LimiterInstance : IAsyncDisposable
{
    private LimiterInstance(ConnectionMultiplexer redis, RateLimitingOptions options, TimeProvider time)
    {
        Redis = redis;
        Status = new RateLimiterStatus();
        Limiter = new RedisTokenRateLimiter(redis, Options.Create(options), Status, time, NullLogger<RedisTokenRateLimiter>.Instance);
        Health = new RateLimiterHealthCheck(redis, Status, Options.Create(options));
    }

    public ConnectionMultiplexer Redis { get; }

    public RateLimiterStatus Status { get; }

    public RedisTokenRateLimiter Limiter { get; }

    public RateLimiterHealthCheck Health { get; }

    public static async Task<LimiterInstance> CreateAsync(string connectionString, RateLimitingOptions options, TimeProvider? time = null)
    {
        var result = new RateLimitingOptionsValidator().Validate(null, options);
        Assert.True(result.Succeeded, result.FailureMessage);
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.Create(connectionString, options.RedisTimeout));
        return new LimiterInstance(redis, options, time ?? TimeProvider.System);
    }

    public async Task<HealthStatus> CheckHealthAsync() =>
        (await Health.CheckHealthAsync(new HealthCheckContext())).Status;

    public ValueTask<RateLimitDecision> AcquireAsync(string caller, string model, string priorityClass, int tokens) =>
        Limiter.AcquireAsync(new RateLimitRequest(caller, model, priorityClass, tokens), CancellationToken.None);

    public async ValueTask DisposeAsync() => await Redis.DisposeAsync();

    /// <summary>
    /// Options with a unique key prefix so tests sharing one Redis never see each other's keys, and a minute of
    /// burst (these tests count whole minutes' quotas; tests of burst itself set their own). Decisions fail closed
    /// with a generous Redis timeout: a slow machine must not turn a decision test into a silent fail-open admission
    /// (a 1 s timeout once admitted a call the shared limit refuses); outage tests set their own policy and timeout.
    /// </summary>
    public static RateLimitingOptions NewOptions() => new()
    {
        KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12],
        BurstSeconds = 60,
        FailurePolicy = RateLimitFailurePolicy.FailClosed,
        RedisTimeout = TimeSpan.FromSeconds(10),
    };
}
