using System.Globalization;
using Agentic.LlmGateway.RateLimiting;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>Single decisions against a real Redis: headers, denial without consumption, hash tags, settlement.</summary>
public sealed class LimiterDecisionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AcquireAsync_DefaultBurst_AdmitsOneSecondOfTheRateAtOnce()
    {
        // Not NewOptions(): the shipped default burst is what is under test.
        var options = new RateLimitingOptions { KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12] };
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 600 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        var admitted = 0;
        for (var i = 0; i < 40; i++)
        {
            admitted += (await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed ? 1 : 0;
        }

        // 10 a second of burst, plus what refills while the 40 decisions run (a slow machine may take two seconds or more).
        Assert.InRange(admitted, 10, 35);
    }

    [Fact]
    public async Task AcquireAsync_Allowed_ReturnsOpenAiRateLimitHeaders()
    {
        var options = LimiterInstance.NewOptions();
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 60, TokensPerMinute = 6_000 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        var decision = await instance.AcquireAsync("alice", "m", "interactive", 100);

        Assert.True(decision.Allowed);
        Assert.Equal(200, decision.StatusCode);
        Assert.NotNull(decision.Reservation);
        Assert.False(decision.Reservation.Local);
        Assert.Equal("60", decision.Headers[RateLimitHeaders.LimitRequests]);
        Assert.Equal("59", decision.Headers[RateLimitHeaders.RemainingRequests]);
        Assert.Equal("6000", decision.Headers[RateLimitHeaders.LimitTokens]);
        Assert.Equal("5900", decision.Headers[RateLimitHeaders.RemainingTokens]);
        // One request at one a second, and 100 tokens at 100 a second, are back in full after a second.
        Assert.Equal("1s", decision.Headers[RateLimitHeaders.ResetRequests]);
        Assert.Equal("1s", decision.Headers[RateLimitHeaders.ResetTokens]);
        Assert.False(decision.Headers.ContainsKey(RateLimitHeaders.RetryAfter));
    }

    [Fact]
    public async Task AcquireAsync_RequestsExhausted_Returns429WithZeroRemainingAndResetEqualToRetryAfter()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 2; // 60 RPM with two seconds of burst: two requests at once
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 60, TokensPerMinute = 60_000 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 10)).Allowed);
        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 10)).Allowed);
        var denied = await instance.AcquireAsync("alice", "m", "interactive", 10);

        Assert.False(denied.Allowed);
        Assert.Equal(429, denied.StatusCode);
        Assert.Null(denied.Reservation);
        Assert.Equal("model:requests", denied.LimitedBy);
        Assert.InRange(denied.RetryAfter, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(1));
        Assert.Equal("1", denied.Headers[RateLimitHeaders.RetryAfter]);
        Assert.Equal("0", denied.Headers[RateLimitHeaders.RemainingRequests]);
        Assert.Equal("2", denied.Headers[RateLimitHeaders.LimitRequests]);
        var reset = ParseDuration(denied.Headers[RateLimitHeaders.ResetRequests]);
        Assert.InRange((reset - denied.RetryAfter).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Equal(denied.RetryAfter.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), denied.Headers[RateLimitHeaders.RetryAfterMs]);
        Assert.True(denied.Headers.ContainsKey(RateLimitHeaders.RemainingTokens));
    }

    [Fact]
    public async Task AcquireAsync_AfterWaitingRetryAfter_Admits()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 0.1; // 600 RPM, burst of one: a slot every 100 ms
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 600 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed);
        var denied = await instance.AcquireAsync("alice", "m", "interactive", 1);
        Assert.False(denied.Allowed);
        Assert.InRange(denied.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(100));

        // Waiting the limiter's Retry-After is the behaviour under test: it must be enough. Two clocks meet here:
        // .NET timers count whole milliseconds of the monotonic clock (they can fire up to 1 ms early), while the
        // limiter reads Redis TIME, the wall clock, which a busy VM's time sync can slew by a few milliseconds.
        // A 5 ms margin covers both and is still far below the 100 ms slot, so a wrong Retry-After fails here.
        await Task.Delay(denied.RetryAfter + TimeSpan.FromMilliseconds(5));
        var retried = await instance.AcquireAsync("alice", "m", "interactive", 1);

        Assert.True(retried.Allowed, $"still refused after Retry-After; now {retried.RetryAfter}");
    }

    [Fact]
    public async Task AcquireAsync_DeniedByTokens_ConsumesNothing()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 600; // 10 requests and 1000 tokens of burst; refill is negligible during the test
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 1, TokensPerMinute = 100 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 800)).Allowed);
        var denied = await instance.AcquireAsync("alice", "m", "interactive", 300);
        var next = await instance.AcquireAsync("alice", "m", "interactive", 100);

        Assert.False(denied.Allowed);
        Assert.Equal("model:tokens", denied.LimitedBy);
        Assert.True(next.Allowed);
        // The refused call took neither a request slot nor tokens: 10 - 2 requests and 1000 - 900 tokens left.
        Assert.Equal("8", next.Headers[RateLimitHeaders.RemainingRequests]);
        Assert.InRange(long.Parse(next.Headers[RateLimitHeaders.RemainingTokens], CultureInfo.InvariantCulture), 100, 103);
    }

    [Fact]
    public async Task AcquireAsync_CallerLimitLowerThanModel_CallerScopeRefusesOnlyThatCaller()
    {
        var options = LimiterInstance.NewOptions();
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 100 };
        options.CallerDefaults = new RateLimitSettings { RequestsPerMinute = 2 };
        options.Callers["vip"] = new CallerRateLimitOptions { Models = { ["m"] = new RateLimitSettings { RequestsPerMinute = 50 } } };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed);
        Assert.True((await instance.AcquireAsync("alice", "m", "interactive", 1)).Allowed);
        var alice = await instance.AcquireAsync("alice", "m", "interactive", 1);
        var bob = await instance.AcquireAsync("bob", "m", "interactive", 1);
        var vip = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            vip.Add((await instance.AcquireAsync("vip", "m", "interactive", 1)).Allowed);
        }

        Assert.False(alice.Allowed);
        Assert.Equal("caller-model:requests", alice.LimitedBy);
        Assert.True(bob.Allowed);
        Assert.All(vip, Assert.True);
    }

    [Fact]
    public async Task AcquireAsync_AllKeysOfADecision_ShareOneClusterHashSlotAndExpire()
    {
        var options = LimiterInstance.NewOptions();
        options.Models["gpt-4o"] = new ModelRateLimitOptions { RequestsPerMinute = 100, TokensPerMinute = 10_000 };
        options.CallerDefaults = new RateLimitSettings { RequestsPerMinute = 10, TokensPerMinute = 1_000 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        Assert.True((await instance.AcquireAsync("alice", "gpt-4o", "interactive", 10)).Allowed);

        var server = instance.Redis.GetServer(instance.Redis.GetEndPoints()[0]);
        // SCAN asynchronously: a blocked test thread can starve the pool that reads Redis's answers.
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: options.KeyPrefix + ":*"))
        {
            keys.Add(key);
        }

        Assert.Equal(4, keys.Count); // caller×model and model, requests and tokens
        Assert.Single(keys.Select(k => instance.Redis.HashSlot(k)).Distinct());
        var db = instance.Redis.GetDatabase();
        foreach (var key in keys)
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task SettleAsync_FewerTokensThanReserved_RefundsTheDifference()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 600; // 600 TPM over ten minutes: 6000 tokens of burst, 10 tokens a second refill
        options.Models["m"] = new ModelRateLimitOptions { TokensPerMinute = 600 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        var reserved = await instance.AcquireAsync("alice", "m", "interactive", 1_000);
        Assert.Equal("5000", reserved.Headers[RateLimitHeaders.RemainingTokens]);
        await instance.Limiter.SettleAsync(new RateLimitSettlement(reserved.Reservation!, 200), CancellationToken.None);
        var after = await instance.AcquireAsync("alice", "m", "interactive", 0);

        Assert.InRange(long.Parse(after.Headers[RateLimitHeaders.RemainingTokens], CultureInfo.InvariantCulture), 5_800, 5_850);
    }

    [Fact]
    public async Task SettleAsync_MoreTokensThanReserved_ChargesTheDifference()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 600;
        options.Models["m"] = new ModelRateLimitOptions { TokensPerMinute = 600 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        var reserved = await instance.AcquireAsync("alice", "m", "interactive", 1_000);
        await instance.Limiter.SettleAsync(new RateLimitSettlement(reserved.Reservation!, 3_000), CancellationToken.None);
        var after = await instance.AcquireAsync("alice", "m", "interactive", 0);
        var tooBig = await instance.AcquireAsync("alice", "m", "interactive", 3_500);

        Assert.InRange(long.Parse(after.Headers[RateLimitHeaders.RemainingTokens], CultureInfo.InvariantCulture), 3_000, 3_050);
        Assert.False(tooBig.Allowed);
    }

    [Fact]
    public async Task AcquireAsync_NoLimitsConfigured_AllowsWithoutTouchingRedis()
    {
        var options = LimiterInstance.NewOptions();
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        var decision = await instance.AcquireAsync("alice", "unlimited", "batch", 1_000_000);

        Assert.True(decision.Allowed);
        var server = instance.Redis.GetServer(instance.Redis.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: options.KeyPrefix + ":*"))
        {
            Assert.Fail($"{key} is still there");
        }
    }

    private static TimeSpan ParseDuration(string value) => value.EndsWith("ms", StringComparison.Ordinal)
        ? TimeSpan.FromMilliseconds(double.Parse(value[..^2], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(value[..^1], CultureInfo.InvariantCulture));
}
