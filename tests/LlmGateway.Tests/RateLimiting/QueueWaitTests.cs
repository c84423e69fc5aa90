using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>Callers allowed to wait get capacity in arrival order instead of a 429, within their bound.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class QueueWaitTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AcquireAsync_CallerMayWait_AdmitsEveryCallAtTheRateInsteadOf429()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 0.1; // 600 RPM, burst of one: a slot every 100 ms
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 600 };
        options.Callers["batch-service"] = new CallerRateLimitOptions { MaxQueueWait = TimeSpan.FromSeconds(5) };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        Assert.True((await instance.AcquireAsync("warm-up", "warm-up", "batch", 1)).Allowed);

        var stopwatch = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 6)
            .Select(_ => instance.AcquireAsync("batch-service", "m", "batch", 1).AsTask())
            .ToList();
        var decisions = await Task.WhenAll(calls);
        var elapsed = stopwatch.Elapsed;

        Assert.All(decisions, d => Assert.True(d.Allowed));
        // Six calls, one slot now and one every 100 ms after: about 500 ms, never sooner.
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(490), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task AcquireAsync_WaitersQueued_AdmittedInArrivalOrder()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 0.1;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 1_200 }; // a slot every 50 ms
        options.MaxQueueWait = TimeSpan.FromSeconds(5);
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        // Take the only slot, so every later call has to queue.
        Assert.True((await instance.AcquireAsync("first", "m", "batch", 1)).Allowed);
        var order = new List<int>();
        var gate = new Lock();
        var queued = new List<Task>();
        for (var i = 0; i < 5; i++)
        {
            var index = i;
            var call = instance.AcquireAsync($"caller-{i}", "m", "batch", 1).AsTask();
            queued.Add(call.ContinueWith(
                t =>
                {
                    Assert.True(t.Result.Allowed);
                    lock (gate)
                    {
                        order.Add(index);
                    }
                },
                TaskScheduler.Default));
            // Each call must have joined the line before the next one arrives.
            await WaitUntilQueuedAsync(instance, call, i + 1);
        }

        await Task.WhenAll(queued);
        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task AcquireAsync_NeededWaitLongerThanAllowed_Returns429AtOnce()
    {
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 1;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 60 }; // a slot a second
        options.Callers["impatient"] = new CallerRateLimitOptions { MaxQueueWait = TimeSpan.FromMilliseconds(100) };
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);

        Assert.True((await instance.AcquireAsync("impatient", "m", "batch", 1)).Allowed);
        var stopwatch = Stopwatch.StartNew();
        var denied = await instance.AcquireAsync("impatient", "m", "batch", 1);

        Assert.False(denied.Allowed);
        Assert.Equal(429, denied.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(500));
    }

    private static async Task WaitUntilQueuedAsync(LimiterInstance instance, Task call, long expected)
    {
        var deadline = Stopwatch.StartNew();
        while (!call.IsCompleted && instance.Limiter.WaitersQueued("m", "batch") < expected)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "the call never joined the queue");
            await Task.Delay(TimeSpan.FromMilliseconds(1));
        }
    }
}
