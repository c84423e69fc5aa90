using System.Net;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LlmGateway.Tests.RateLimiting;
using Agentic.LocalGateway;
using Agentic.Testing;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>Redis stops under a running gateway: fail-open models keep answering, fail-closed ones answer 503, /health says so, and all recovers.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class GatewayRedisOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ChatAndEmbeddings_RedisStoppedAndRestarted_PoliciesAppliedHealthReflectsItThenRecovers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.ConnectionString,
            Latency = TimeSpan.Zero,
            Settings = new Dictionary<string, string?>
            {
                ["RateLimiting:FailurePolicy"] = "FailOpen",
                ["RateLimiting:Models:sim-embed:FailurePolicy"] = "FailClosed",
            },
        });
        using var client = GatewayHarness.Http(server, server.ApiKey);
        using var probe = GatewayHarness.Http(server);
        using (var before = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat()))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal("Healthy", await probe.GetStringAsync("health"));

        await redis.StopAsync();
        await Poll.UntilAsync(async () =>
        {
            using var embeddings = await client.PostAsync("v1/embeddings", GatewayHarness.Json("""{"model":"sim-embed","input":"x"}"""));
            return embeddings.StatusCode == HttpStatusCode.ServiceUnavailable && embeddings.Headers.Contains(RateLimitHeaders.RetryAfter);
        }, Deadline, "the fail-closed model answers 503 while Redis is away");
        using (var chat = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat()))
        {
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }

        using (var health = await probe.GetAsync("health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        }

        await redis.RestartAsync();
        await Poll.UntilAsync(async () =>
        {
            using var embeddings = await client.PostAsync("v1/embeddings", GatewayHarness.Json("""{"model":"sim-embed","input":"x"}"""));
            return embeddings.StatusCode == HttpStatusCode.OK;
        }, Deadline, "the fail-closed model recovers once Redis is back");
        Assert.Equal("Healthy", await probe.GetStringAsync("health"));
    }
}
