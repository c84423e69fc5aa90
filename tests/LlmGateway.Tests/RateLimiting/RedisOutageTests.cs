using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;
using Agentic.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>Redis stops mid-test and comes back on the same port: each failure policy applies, then sharing resumes.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AcquireAsync_RedisStoppedWithFailOpen_AdmitsThroughLocalLimiterThenResumesShared()
    {
        await using var server = await RedisServer.StartAsync();
        var options = LimiterInstance.NewOptions();
        options.RedisTimeout = TimeSpan.FromSeconds(1); // an outage is noticed as fast as in production
        options.FailurePolicy = RateLimitFailurePolicy.FailOpen;
        options.ExpectedInstances = 2;
        options.BurstSeconds = 60;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 10 }; // locally: 5 per instance
        await using var instance = await LimiterInstance.CreateAsync(server.ConnectionString, options);

        var shared = await instance.AcquireAsync("alice", "m", "interactive", 1);
        Assert.True(shared.Allowed);
        Assert.False(shared.Reservation!.Local);
        Assert.Equal(HealthStatus.Healthy, await instance.CheckHealthAsync());

        await server.StopAsync();
        var local = await PollAsync(() => instance.AcquireAsync("alice", "m", "interactive", 1), d => d.Reservation?.Local == true);
        Assert.True(local.Allowed);
        Assert.True(instance.Status.RedisUnavailable);
        Assert.Equal(HealthStatus.Degraded, await instance.CheckHealthAsync());

        // The local limiter enforces the rate divided by the instance count: 5 in all, one already taken.
        var admitted = 1;
        RateLimitDecision decision;
        var timer = Stopwatch.StartNew();
        while ((decision = await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed)
        {
            admitted++;
        }

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(2), "decisions hung while Redis was down");
        Assert.Equal(5, admitted);
        Assert.Equal(429, decision.StatusCode);
        Assert.Equal("5", decision.Headers[RateLimitHeaders.LimitRequests]);

        await server.RestartAsync();
        var resumed = await PollAsync(() => instance.AcquireAsync("bob", "m", "interactive", 1), d => d.Reservation is { Local: false });
        Assert.True(resumed.Allowed);
        Assert.False(instance.Status.RedisUnavailable);
        Assert.Equal(HealthStatus.Healthy, await instance.CheckHealthAsync());
    }

    [Fact]
    public async Task AcquireAsync_RedisStoppedWithFailClosed_Returns503ThenRecovers()
    {
        await using var server = await RedisServer.StartAsync();
        var options = LimiterInstance.NewOptions();
        options.RedisTimeout = TimeSpan.FromSeconds(1); // an outage is noticed as fast as in production
        options.FailurePolicy = RateLimitFailurePolicy.FailOpen;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 600, FailurePolicy = RateLimitFailurePolicy.FailClosed };
        await using var instance = await LimiterInstance.CreateAsync(server.ConnectionString, options);
        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed);

        await server.StopAsync();
        var timer = Stopwatch.StartNew();
        var refused = await PollAsync(() => instance.AcquireAsync("alice", "m", "interactive", 1), d => !d.Allowed);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(3), "the first decision after the outage hung");

        Assert.True(refused.Unavailable);
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("1", refused.Headers[RateLimitHeaders.RetryAfter]);
        Assert.Equal(HealthStatus.Unhealthy, await instance.CheckHealthAsync());

        await server.RestartAsync();
        var recovered = await PollAsync(() => instance.AcquireAsync("alice", "m", "interactive", 1), d => d.Allowed);
        Assert.False(recovered.Reservation!.Local);
        Assert.Equal(HealthStatus.Healthy, await instance.CheckHealthAsync());
    }

    [Fact]
    public async Task SettleAsync_ReservationTakenLocally_SettlesLocally()
    {
        await using var server = await RedisServer.StartAsync();
        var options = LimiterInstance.NewOptions();
        options.RedisTimeout = TimeSpan.FromSeconds(1); // an outage is noticed as fast as in production
        options.FailurePolicy = RateLimitFailurePolicy.FailOpen;
        options.BurstSeconds = 600;
        options.Models["m"] = new ModelRateLimitOptions { TokensPerMinute = 600 }; // 6000 tokens of burst
        await using var instance = await LimiterInstance.CreateAsync(server.ConnectionString, options);
        await server.StopAsync();

        var reserved = await PollAsync(() => instance.AcquireAsync("alice", "m", "interactive", 1_000), d => d.Reservation?.Local == true);
        await instance.Limiter.SettleAsync(new RateLimitSettlement(reserved.Reservation!, 100), CancellationToken.None);
        var after = await instance.AcquireAsync("alice", "m", "interactive", 0);

        Assert.Equal("5000", reserved.Headers[RateLimitHeaders.RemainingTokens]);
        Assert.InRange(long.Parse(after.Headers[RateLimitHeaders.RemainingTokens], System.Globalization.CultureInfo.InvariantCulture), 5_900, 5_950);
    }

    private static async Task<RateLimitDecision> PollAsync(Func<ValueTask<RateLimitDecision>> acquire, Func<RateLimitDecision, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var decision = await acquire();
            if (done(decision))
            {
                return decision;
            }

            Assert.True(deadline.Elapsed < Deadline, $"condition not reached within {Deadline}; last decision {decision}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
