using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>
/// Client-clock mode for Redis without TIME: gateways whose clocks are wrong by far more than the allowed
/// skew still share one clock, so a fast clock gets no extra capacity and a slow one is not locked out.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ClientClockTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AcquireAsync_GatewayClockThirtySecondsAhead_GetsNoExtraCapacity()
    {
        var options = ClientClockOptions();
        await using var onTime = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var fast = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options, new OffsetTimeProvider(TimeSpan.FromSeconds(30)));

        var clock = Stopwatch.StartNew();
        var drained = await DrainAsync(onTime);
        var drainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var extra = await DrainAsync(fast);
        var extraSeconds = clock.Elapsed.TotalSeconds;

        // The bucket refills at 10 a second while the drains run; a stalled machine makes them slower, never wider.
        Assert.InRange(drained, 10, 11 + (int)Math.Ceiling(10 * drainSeconds));
        // Unclamped, the fast clock would see the bucket full again (10 more); clamped it sees at most skew worth.
        Assert.InRange(extra, 0, 2 + (int)Math.Ceiling(10 * extraSeconds));
    }

    [Fact]
    public async Task AcquireAsync_GatewayClockThirtySecondsBehind_WaitsOnlyTheRealRetryAfter()
    {
        var options = ClientClockOptions();
        await using var onTime = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var slow = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options, new OffsetTimeProvider(TimeSpan.FromSeconds(-30)));

        await DrainAsync(onTime);
        var denied = await slow.AcquireAsync("bob", "m", "interactive", 1);

        Assert.False(denied.Allowed);
        // Unclamped it would wait ~31 s; clamped, one slot (100 ms) plus at most the skew.
        Assert.InRange(denied.RetryAfter, TimeSpan.Zero, TimeSpan.FromMilliseconds(100 + 200 + 50));
    }

    private static RateLimitingOptions ClientClockOptions()
    {
        var options = LimiterInstance.NewOptions();
        options.Clock = RateLimitClock.Client;
        options.MaxClockSkew = TimeSpan.FromMilliseconds(200);
        options.BurstSeconds = 1;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 600 }; // 10 a second, burst 10
        return options;
    }

    private static async Task<int> DrainAsync(LimiterInstance instance)
    {
        var admitted = 0;
        while ((await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed)
        {
            admitted++;
            Assert.True(admitted < 100, "the limit never bit");
        }

        return admitted;
    }
}
