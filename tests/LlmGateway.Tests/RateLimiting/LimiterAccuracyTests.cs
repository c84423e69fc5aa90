using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;
using Xunit.Abstractions;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>
/// Three gateway instances (three limiters, three multiplexers) share one Redis while many callers hammer
/// one model for a fixed window. Starting from a full bucket, GCRA can admit at most
/// <c>B + R·t</c> units in t seconds (burst B, rate R per second), and while callers keep the bucket
/// saturated it admits exactly that. So: admitted ≤ B + R·elapsed (elapsed measured around all calls, an
/// upper bound of the span Redis saw), and admitted − B ≥ 0.98 · R · window.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class LimiterAccuracyTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private const int Instances = 3;
    private const int CallersPerInstance = 8;

    [Theory]
    [InlineData(RateLimitClock.Server)]
    [InlineData(RateLimitClock.Client)]
    public async Task AcquireAsync_ThreeInstancesHammeringRequestLimit_AdmitsWithinTwoPercentAndNeverAbove(RateLimitClock clock)
    {
        const long rpm = 18_000; // 300 requests per second
        var options = LimiterInstance.NewOptions();
        options.Clock = clock;
        options.BurstSeconds = 1;
        options.Models["gpt-4o"] = new ModelRateLimitOptions { RequestsPerMinute = rpm };
        options.CallerDefaults = new RateLimitSettings { RequestsPerMinute = 600_000, TokensPerMinute = 600_000_000 };

        var result = await HammerAsync(options, "gpt-4o", _ => 10);

        var rate = rpm / 60.0;
        var burst = rate * options.BurstSeconds;
        output.WriteLine($"{result}; bound B + R·elapsed = {burst + (rate * result.Elapsed.TotalSeconds):F0}; floor B + 0.98·R·window = {burst + (0.98 * rate * Window.TotalSeconds):F0}; rate (admitted − B)/window = {(result.Requests - burst) / Window.TotalSeconds:F1}/s of {rate}/s");
        Assert.True(result.Requests <= burst + (rate * result.Elapsed.TotalSeconds), $"over-admission: {result}");
        Assert.True(result.Requests - burst >= 0.98 * rate * Window.TotalSeconds, $"under-admission: {result}");
        Assert.True(result.Denied > 0, "the limit never bit");
    }

    [Fact]
    public async Task AcquireAsync_ThreeInstancesHammeringGlobalTokenLimit_AdmitsWithinTwoPercentAndNeverAbove()
    {
        const long tpm = 1_800_000; // 30,000 tokens per second
        var options = LimiterInstance.NewOptions();
        options.BurstSeconds = 1;
        options.Global = new RateLimitSettings { TokensPerMinute = tpm };
        options.Models["gpt-4o"] = new ModelRateLimitOptions { RequestsPerMinute = 6_000_000, TokensPerMinute = 100 * tpm };

        var result = await HammerAsync(options, "gpt-4o", random => random.Next(50, 151));

        var rate = tpm / 60.0;
        var burst = rate * options.BurstSeconds;
        output.WriteLine($"{result}; bound B + R·elapsed = {burst + (rate * result.Elapsed.TotalSeconds):F0}; floor B + 0.98·R·window = {burst + (0.98 * rate * Window.TotalSeconds):F0}; rate (admitted − B)/window = {(result.Tokens - burst) / Window.TotalSeconds:F1}/s of {rate}/s");
        Assert.True(result.Tokens <= burst + (rate * result.Elapsed.TotalSeconds), $"over-admission: {result}");
        Assert.True(result.Tokens - burst >= 0.98 * rate * Window.TotalSeconds, $"under-admission: {result}");
        Assert.True(result.Denied > 0, "the limit never bit");
    }

    private async Task<HammerResult> HammerAsync(RateLimitingOptions options, string model, Func<Random, int> cost)
    {
        var instances = new List<LimiterInstance>();
        try
        {
            for (var i = 0; i < Instances; i++)
            {
                var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
                // Warm up JIT, connection and script cache on another model so the measured bucket starts full.
                Assert.True((await instance.AcquireAsync("warm-up", "warm-up-model", "interactive", 1)).Allowed);
                instances.Add(instance);
            }

            long requests = 0, tokens = 0, denied = 0;
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopwatch = new Stopwatch();
            var callers = new List<Task>();
            for (var i = 0; i < Instances; i++)
            {
                for (var c = 0; c < CallersPerInstance; c++)
                {
                    var limiter = instances[i];
                    var caller = $"caller-{i}-{c}";
                    var random = new Random((i * 100) + c);
                    callers.Add(Task.Run(async () =>
                    {
                        await start.Task;
                        while (stopwatch.Elapsed < Window)
                        {
                            var units = cost(random);
                            var decision = await limiter.AcquireAsync(caller, model, "interactive", units);
                            if (decision.Allowed)
                            {
                                Interlocked.Increment(ref requests);
                                Interlocked.Add(ref tokens, units);
                            }
                            else
                            {
                                Interlocked.Increment(ref denied);
                                // A well-behaved client: wait the Retry-After, plus jitter so callers do not stampede.
                                await Task.Delay(decision.RetryAfter + TimeSpan.FromMilliseconds(random.Next(0, 15)));
                            }
                        }
                    }));
                }
            }

            stopwatch.Start();
            start.SetResult();
            await Task.WhenAll(callers);
            return new HammerResult(requests, tokens, denied, stopwatch.Elapsed);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private sealed record HammerResult(long Requests, long Tokens, long Denied, TimeSpan Elapsed);
}
