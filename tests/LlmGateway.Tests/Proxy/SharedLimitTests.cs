using System.Diagnostics;
using System.Globalization;
using System.Net;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LlmGateway.Tests.RateLimiting;
using Agentic.LocalGateway;
using Xunit.Abstractions;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>
/// Three whole gateways (HTTP, auth, routing, limiter, simulated upstream) share one Redis, and many callers
/// spread over them hammer one model for a fixed window. The model's limit holds across the instances: GCRA
/// admits at most <c>B + R·t</c> in t seconds and, between two refusals (each proves the bucket was empty),
/// at least <c>R·t - 1</c>. The floor is judged only over that stretch, so a machine too busy to offer the load
/// all the time cannot fail it, while a limiter that refuses with capacity left still does.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SharedLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Gateways = 3;
    private const int CallersPerGateway = 6;
    private const int RequestsPerMinute = 7_500; // 125 a second for the model
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly RedisFixture _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task ChatCompletions_ThreeGatewaysSharingRedis_AdmitWithinTwoPercentAndNeverAbove()
    {
        var prefix = "shared" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:KeyPrefix"] = prefix,
            ["RateLimiting:BurstSeconds"] = "1",
        };
        var servers = new List<LlmGatewayServer>();
        var clients = new List<HttpClient>();
        try
        {
            for (var i = 0; i < Gateways; i++)
            {
                var server = await GatewayHarness.StartAsync(_redis, settings, requestsPerMinute: RequestsPerMinute);
                servers.Add(server);
                clients.Add(GatewayHarness.Http(server, server.ApiKey));
            }

            // Warm every instance (JIT, connections, script cache) on another model, so the measured bucket starts full.
            double burstSeen = 0;
            foreach (var client in clients)
            {
                using var warm = await client.PostAsync("v1/embeddings", GatewayHarness.Json("""{"model":"sim-embed","input":"warm up"}"""));
                Assert.NotEqual(HttpStatusCode.Unauthorized, warm.StatusCode);
            }

            long admitted = 0, refused = 0, other = 0;
            var answers = new System.Collections.Concurrent.ConcurrentQueue<(TimeSpan Sent, TimeSpan Received, bool Admitted)>();
            var stopwatch = new Stopwatch();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var callers = new List<Task>();
            for (var g = 0; g < Gateways; g++)
            {
                for (var c = 0; c < CallersPerGateway; c++)
                {
                    var client = clients[g];
                    var random = new Random((g * 100) + c);
                    callers.Add(Task.Run(async () =>
                    {
                        await start.Task;
                        while (stopwatch.Elapsed < Window)
                        {
                            var sent = stopwatch.Elapsed;
                            using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(maxTokens: 8));
                            var received = stopwatch.Elapsed;
                            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests)
                            {
                                answers.Enqueue((sent, received, response.StatusCode == HttpStatusCode.OK));
                            }

                            if (response.StatusCode == HttpStatusCode.OK)
                            {
                                Interlocked.Increment(ref admitted);
                                var capacity = double.Parse(response.Headers.GetValues(RateLimitHeaders.LimitRequests).Single(), CultureInfo.InvariantCulture);
                                Interlocked.Exchange(ref burstSeen, capacity);
                            }
                            else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                            {
                                Interlocked.Increment(ref refused);
                                // A well-behaved client: wait the Retry-After, plus jitter so callers do not stampede.
                                var wait = double.Parse(response.Headers.GetValues(RateLimitHeaders.RetryAfterMs).Single(), CultureInfo.InvariantCulture);
                                await Task.Delay(TimeSpan.FromMilliseconds(wait + random.Next(0, 10)));
                            }
                            else
                            {
                                Interlocked.Increment(ref other);
                            }
                        }
                    }));
                }
            }

            stopwatch.Start();
            start.SetResult();
            await Task.WhenAll(callers);
            var elapsed = stopwatch.Elapsed;

            // The bucket refills at the model's rate; its capacity for a batch caller is what the limit header says
            // (one second of burst, less the share kept for interactive traffic).
            var rate = RequestsPerMinute / 60.0;
            var burst = burstSeen;

            // Floor: the limiter decided the first refusal after its request was sent and the last before its answer
            // came, with an empty bucket both times, so it admitted at least R·(lastSent - firstReceived) - 1 in
            // between; every such admission was sent before the last refusal came back and came back after the
            // first refusal was sent.
            var refusals = answers.Where(a => !a.Admitted).OrderBy(a => a.Sent).ToList();
            var first = refusals.Count > 0 ? refusals[0] : default;
            var last = refusals.Count > 0 ? refusals.MaxBy(a => a.Sent) : default;
            var stretch = last.Sent - first.Received;
            var admittedInStretch = answers.Count(a => a.Admitted && a.Received > first.Sent && a.Sent < last.Received);
            var floor = (0.98 * rate * stretch.TotalSeconds) - 1;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"admitted {admitted}, refused {refused}, other {other} in {elapsed.TotalSeconds:F2} s; rate {rate:F1}/s, burst {burst:F0}; bound {burst + (rate * elapsed.TotalSeconds):F0}; between refusals {stretch.TotalSeconds:F2} s: admitted {admittedInStretch}, floor {floor:F0}");
            output.WriteLine(summary);
            Assert.True(other == 0, $"unexpected answers: {summary}");
            Assert.InRange(burst, 1, rate);
            Assert.True(admitted <= burst + (rate * elapsed.TotalSeconds) + 1, $"over-admission: {summary}");
            Assert.True(refused > 0, $"the limit never bit: {summary}");
            Assert.True(stretch > Window / 3, $"the refusals span too little of the window to judge the floor: {summary}");
            Assert.True(admittedInStretch >= floor, $"under-admission: {summary}");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
