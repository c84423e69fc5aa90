using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>Batch traffic sees the model's capacity minus the interactive share; interactive traffic sees all of it.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class PriorityReservationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AcquireAsync_BatchDrainsModel_StopsAtTheReservedShareWhileInteractiveContinues()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 600; // 10 RPM over ten minutes: 100 requests of burst, one back every 6 s
        options.InteractiveReservedShare = 0.2;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 10 };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        var batch = 0;
        RateLimitDecision decision;
        while ((decision = await instance.AcquireAsync("batch-service", "m", "batch", 1)).Allowed)
        {
            batch++;
        }

        Assert.Equal(80, batch);
        Assert.Equal("80", decision.Headers[RateLimitHeaders.LimitRequests]);
        var interactive = 0;
        while ((await instance.AcquireAsync("chat-ui", "m", "interactive", 1)).Allowed)
        {
            interactive++;
        }

        Assert.InRange(interactive, 20, 21);
    }

    [Fact]
    public async Task AcquireAsync_BatchFlood_InteractiveCallsAllAdmitted()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 1;
        options.InteractiveReservedShare = 0.2;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 6_000 }; // 100 per second
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        Assert.True((await instance.AcquireAsync("warm-up", "warm-up", "batch", 1)).Allowed);

        var stopwatch = Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(1.5);
        long batchAdmitted = 0, batchDenied = 0;
        var flood = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var random = new Random(i);
            while (stopwatch.Elapsed < window)
            {
                var d = await instance.AcquireAsync($"batch-{i}", "m", "batch", 1);
                if (d.Allowed)
                {
                    Interlocked.Increment(ref batchAdmitted);
                }
                else
                {
                    Interlocked.Increment(ref batchDenied);
                    await Task.Delay(d.RetryAfter + TimeSpan.FromMilliseconds(random.Next(0, 5)));
                }
            }
        })).ToList();

        // Interactive traffic at a fifth of the rate, arriving after the flood has saturated the batch share.
        var interactive = new List<RateLimitDecision>();
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await ticker.WaitForNextTickAsync() && stopwatch.Elapsed < window)
        {
            if (stopwatch.Elapsed > TimeSpan.FromMilliseconds(300))
            {
                interactive.Add(await instance.AcquireAsync("chat-ui", "m", "interactive", 1));
            }
        }

        await Task.WhenAll(flood);
        Assert.True(batchDenied > 0, "the batch flood never hit the limit");
        Assert.True(interactive.Count >= 10);
        Assert.All(interactive, d => Assert.True(d.Allowed, $"interactive refused: {d.LimitedBy} {d.RetryAfter}"));
    }
}
