using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;
using Agentic.Testing;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>
/// Group commit of admission decisions against a real Redis. Redis holds scripts (CLIENT PAUSE) while a test
/// queues decisions, so which decisions share a call is decided by the test, not by timing: the first two are
/// in flight (a lane's limit), the rest wait for them and go in batches of at most MaxDecisionsPerBatch.
/// </summary>
public sealed class AdmissionBatcherTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AcquireAsync_TwoHundredConcurrentOnOneModel_FourScriptCallsAdmitExactlyTheLimitInArrivalOrder()
    {
        var options = Options();
        options.Models["m"] = FiftyRequests();
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);

        var (decisions, scripts) = await QueueWhilePausedAsync(admin, 200, i => instance.AcquireAsync($"caller{i % 7}", "m", "interactive", 1));

        // Two calls in flight alone, then the 198 that queued behind them: 128 + 70.
        Assert.Equal(4, scripts);
        AssertExactlyFiftyInOrder(decisions);
    }

    [Fact]
    public async Task AcquireAsync_MixedCallersAndCostsBatched_SameOutcomesAsOneDecisionPerScript()
    {
        // Ten seconds per request and per token, an hour of burst: 360 of each (288 for the batch class), and
        // no refill worth a unit while the test runs, so both runs see the same levels.
        var options = Options();
        options.BurstSeconds = 3600;
        options.Models["m"] = new ModelRateLimitOptions { RequestsPerMinute = 6, TokensPerMinute = 6 };
        options.Callers["carol"] = new CallerRateLimitOptions { TokensPerMinute = 1 }; // 60 tokens of burst
        (string Caller, string Priority, int Tokens, bool Allowed)[] calls =
        [
            ("alice", "interactive", 100, true),
            ("bob", "batch", 100, true),
            ("carol", "interactive", 50, true),
            ("carol", "interactive", 20, false), // carol's 60 tokens: refused, consumes nothing
            ("alice", "batch", 50, false), // 300 > the batch class's 288
            ("alice", "interactive", 50, true), // 300 of 360
            ("bob", "interactive", 70, false),
            ("bob", "interactive", 0, true),
            ("carol", "interactive", 10, true), // carol exactly full: the refusal above took nothing
            ("dave", "interactive", 50, true), // model exactly full
            ("erin", "interactive", 1, false),
            ("erin", "interactive", 0, true),
            ("frank", "interactive", 1000, false), // bigger than the burst: waits for a full bucket
            ("frank", "batch", 0, false), // the batch class sees no share left at all
        ];

        options.MaxDecisionsPerBatch = 4;
        await using var batched = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        var alone = Options();
        alone.BurstSeconds = options.BurstSeconds;
        alone.Models["m"] = options.Models["m"];
        alone.Callers["carol"] = options.Callers["carol"];
        alone.MaxDecisionsPerBatch = 1;
        await using var single = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, alone);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);

        var (together, scripts) = await QueueWhilePausedAsync(admin, calls.Length, i => batched.AcquireAsync(calls[i].Caller, "m", calls[i].Priority, calls[i].Tokens));
        var oneByOne = new List<RateLimitDecision>();
        foreach (var call in calls)
        {
            oneByOne.Add(await single.AcquireAsync(call.Caller, "m", call.Priority, call.Tokens));
        }

        Assert.Equal(2 + 3, scripts); // the first two alone, then 12 in calls of 4, 4, 4
        for (var i = 0; i < calls.Length; i++)
        {
            var (b, s) = (together[i], oneByOne[i]);
            Assert.True(calls[i].Allowed == b.Allowed, $"call {i} {calls[i]}: batched allowed={b.Allowed} ({b.LimitedBy})");
            Assert.Equal(s.Allowed, b.Allowed);
            Assert.Equal(s.LimitedBy, b.LimitedBy);
            Assert.Equal(s.StatusCode, b.StatusCode);
            foreach (var header in (string[])[RateLimitHeaders.LimitRequests, RateLimitHeaders.RemainingRequests, RateLimitHeaders.LimitTokens, RateLimitHeaders.RemainingTokens])
            {
                Assert.True(s.Headers[header] == b.Headers[header], $"call {i} {calls[i]}: {header} batched {b.Headers[header]}, alone {s.Headers[header]}");
            }

            // Retry-After counts down from each run's own start; the runs are well under a second apart.
            Assert.InRange((s.RetryAfter - b.RetryAfter).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
            Assert.Equal(b.Allowed, b.RetryAfter == TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task AcquireAsync_ThreeModelsConcurrently_EachLaneBatchesAndAdmitsItsOwnLimit()
    {
        var options = Options();
        string[] models = ["m1", "m2", "m3"];
        foreach (var model in models)
        {
            options.Models[model] = FiftyRequests();
        }

        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);

        var (decisions, scripts) = await QueueWhilePausedAsync(admin, 300, i => instance.AcquireAsync("alice", models[i % 3], "interactive", 1));

        // Per model (hash tag): two calls in flight, then its other 98 together.
        Assert.Equal(9, scripts);
        for (var m = 0; m < models.Length; m++)
        {
            AssertExactlyFiftyInOrder([.. decisions.Where((_, i) => i % 3 == m)]);
        }
    }

    [Fact]
    public async Task AcquireAsync_ClientClockBatched_AdmitsExactlyTheLimit()
    {
        var options = Options();
        options.Clock = RateLimitClock.Client;
        options.Models["m"] = FiftyRequests();
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);

        var (decisions, scripts) = await QueueWhilePausedAsync(admin, 100, i => instance.AcquireAsync("alice", "m", "interactive", 1));

        Assert.Equal(3, scripts);
        AssertExactlyFiftyInOrder(decisions);
    }

    [Fact]
    public async Task AcquireAsync_BatchCallTimesOut_EveryWaitingDecisionGetsItsFailurePolicy()
    {
        var options = Options();
        options.RedisTimeout = TimeSpan.FromMilliseconds(300);
        options.FailurePolicy = RateLimitFailurePolicy.FailOpen;
        options.Models["open"] = FiftyRequests();
        options.Models["closed"] = FiftyRequests();
        options.Models["closed"].FailurePolicy = RateLimitFailurePolicy.FailClosed;
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);

        List<RateLimitDecision> decisions;
        var timer = Stopwatch.StartNew();
        await admin.PauseScriptsAsync();
        try
        {
            var pending = new List<Task<RateLimitDecision>>();
            for (var i = 0; i < 40; i++)
            {
                pending.Add(instance.AcquireAsync("alice", i % 2 == 0 ? "open" : "closed", "interactive", 1).AsTask());
            }

            decisions = [.. await Task.WhenAll(pending)];
        }
        finally
        {
            await admin.ResumeAsync();
        }

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"decisions hung for {timer.Elapsed}");
        for (var i = 0; i < decisions.Count; i++)
        {
            if (i % 2 == 0)
            {
                Assert.True(decisions[i].Allowed);
                Assert.True(decisions[i].Reservation!.Local);
            }
            else
            {
                Assert.True(decisions[i].Unavailable);
                Assert.Equal(503, decisions[i].StatusCode);
            }
        }

        // The lane is free again: the next decision goes to Redis and is shared.
        await Poll.UntilAsync(
            async () => (await instance.AcquireAsync("bob", "open", "interactive", 1)).Reservation is { Local: false },
            Deadline,
            "decisions never went back to Redis");
    }

    [Theory]
    [InlineData(128)]
    [InlineData(1)]
    public async Task AcquireAsync_CancelledAfterSending_AdmissionRefundedWhenRedisAnswers(int maxDecisionsPerBatch)
    {
        var options = Options();
        options.MaxDecisionsPerBatch = maxDecisionsPerBatch;
        options.BurstSeconds = 3600;
        options.Models["m"] = new ModelRateLimitOptions { TokensPerMinute = 6 }; // 360 tokens, 10 s each
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);

        await admin.PauseScriptsAsync();
        try
        {
            using var cancel = new CancellationTokenSource();
            var sent = instance.Limiter.AcquireAsync(new RateLimitRequest("alice", "m", "interactive", 100), cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
        }
        finally
        {
            await admin.ResumeAsync();
        }

        // Redis now runs the held script and admits the 100 tokens; the limiter hands them back.
        await Poll.UntilAsync(
            async () => (await instance.AcquireAsync("probe", "m", "interactive", 0)).Headers[RateLimitHeaders.RemainingTokens] == "360",
            Deadline,
            "the abandoned admission was never refunded");
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_NeverSent()
    {
        var options = Options();
        options.BurstSeconds = 3600;
        options.Models["m"] = new ModelRateLimitOptions { TokensPerMinute = 6 }; // 360 tokens
        await using var instance = await LimiterInstance.CreateAsync(redis.Server.ConnectionString, options);
        await using var admin = await RedisAdmin.ConnectAsync(redis.Server.ConnectionString);
        var before = await admin.ScriptCallsAsync();

        Task<RateLimitDecision> first, second;
        await admin.PauseScriptsAsync();
        try
        {
            // These two fill the lane's calls in flight; the third queues behind them.
            first = instance.AcquireAsync("alice", "m", "interactive", 100).AsTask();
            second = instance.AcquireAsync("carol", "m", "interactive", 10).AsTask();
            using var cancel = new CancellationTokenSource();
            var queued = instance.Limiter.AcquireAsync(new RateLimitRequest("bob", "m", "interactive", 50), cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        }
        finally
        {
            await admin.ResumeAsync();
        }

        var admitted = await first;
        var alsoAdmitted = await second;
        var probe = await instance.AcquireAsync("probe", "m", "interactive", 0);

        Assert.True(admitted.Allowed);
        Assert.True(alsoAdmitted.Allowed);
        Assert.Equal("250", probe.Headers[RateLimitHeaders.RemainingTokens]);
        // The two in flight and the probe; the cancelled one was dropped from the batch, not sent and refunded.
        Assert.Equal(3, await admin.ScriptCallsAsync() - before);
    }

    private static RateLimitingOptions Options()
    {
        var options = LimiterInstance.NewOptions();
        // Scripts are held on purpose; only the timeout test wants Redis to look slow.
        options.RedisTimeout = TimeSpan.FromSeconds(15);
        options.BurstSeconds = 600;
        return options;
    }

    // 5 a minute with 600 s of burst: 50 at once, and one back only every 12 s.
    private static ModelRateLimitOptions FiftyRequests() => new() { RequestsPerMinute = 5 };

    private static void AssertExactlyFiftyInOrder(RateLimitDecision[] decisions)
    {
        for (var i = 0; i < decisions.Length; i++)
        {
            var decision = decisions[i];
            if (i < 50)
            {
                Assert.True(decision.Allowed, $"decision {i} refused: {decision.LimitedBy}");
                Assert.Equal((49 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), decision.Headers[RateLimitHeaders.RemainingRequests]);
            }
            else
            {
                Assert.False(decision.Allowed, $"decision {i} admitted over the limit");
                Assert.Equal(429, decision.StatusCode);
                Assert.Equal("model:requests", decision.LimitedBy);
                Assert.InRange(decision.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(12));
            }
        }
    }

    /// <summary>Starts <paramref name="count"/> decisions while Redis holds scripts, then lets them run; returns them in arrival order and the script calls they took.</summary>
    private static async Task<(RateLimitDecision[] Decisions, long Scripts)> QueueWhilePausedAsync(
        RedisAdmin admin, int count, Func<int, ValueTask<RateLimitDecision>> acquire)
    {
        var before = await admin.ScriptCallsAsync();
        var pending = new Task<RateLimitDecision>[count];
        await admin.PauseScriptsAsync();
        try
        {
            for (var i = 0; i < count; i++)
            {
                pending[i] = acquire(i).AsTask();
            }
        }
        finally
        {
            await admin.ResumeAsync();
        }

        var decisions = await Task.WhenAll(pending);
        return (decisions, await admin.ScriptCallsAsync() - before);
    }
}
