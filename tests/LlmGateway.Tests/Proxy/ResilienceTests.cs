using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Agentic.LlmGateway.Telemetry;
using Agentic.LocalGateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>
/// Upstream faults forced per deployment (the simulated provider's x-simulated-fault header, set as a deployment
/// header): retries that honour Retry-After, failover to the next deployment, ejection of a failing one.
/// </summary>
public sealed class ResilienceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ChatCompletions_FirstDeploymentFails_RetriedThenFailedOverToSecond()
    {
        await using var server = await StartAsync(firstFault: "server-error", attempts: 2);
        using var failovers = Collector(server, "llm_gateway.failovers");
        using var retries = Collector(server, "llm_gateway.retries");
        using var requests = Collector(server, "llm_gateway.requests");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failover = Assert.Single(failovers.GetMeasurementSnapshot());
        Assert.Equal("sim-a", failover.Tags["provider"]);
        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal("sim-a", retry.Tags["provider"]);
        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal("sim-b", request.Tags["provider"]);
        Assert.Equal(200, request.Tags["http.response.status_code"]);
    }

    [Fact]
    public async Task ChatCompletions_DeploymentEjected_LaterRequestsSkipIt()
    {
        await using var server = await StartAsync(firstFault: "server-error", attempts: 2, settings: new()
        {
            ["LlmGateway:Resilience:FailuresToEject"] = "2",
            ["LlmGateway:Resilience:EjectionDuration"] = "00:10:00",
        });
        using var failovers = Collector(server, "llm_gateway.failovers");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat($"Request {i}."));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Two failures on the first request ejected sim-a; the next two went straight to sim-b.
        Assert.Single(failovers.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ChatCompletions_UpstreamRateLimitedEverywhere_RetriesHonourRetryAfterThen429WithIt()
    {
        // One deployment that always answers 429 with retry-after-ms 100 (the test host's Simulation:RetryAfter).
        await using var server = await StartAsync(firstFault: "rate-limit", attempts: 3, secondDeployment: false);
        using var retries = Collector(server, "llm_gateway.retries");
        using var limited = Collector(server, "llm_gateway.rate_limited");
        using var client = GatewayHarness.Http(server, server.ApiKey);
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        clock.Stop();
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("100", response.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(2, retries.GetMeasurementSnapshot().Count);
        // Backoff starts at 10 ms, but each retry waited the 100 ms the provider asked for.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(200), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("upstream", Assert.Single(limited.GetMeasurementSnapshot()).Tags["source"]);
    }

    [Fact]
    public async Task ChatCompletions_RetryAfterBeyondMaxRetryDelay_FailsOverWithoutWaiting()
    {
        await using var server = await StartAsync(firstFault: "rate-limit", attempts: 3, settings: new()
        {
            ["LlmGateway:Resilience:MaxRetryDelay"] = "00:00:00.050",
        });
        using var retries = Collector(server, "llm_gateway.retries");
        using var failovers = Collector(server, "llm_gateway.failovers");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(retries.GetMeasurementSnapshot());
        Assert.Single(failovers.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ChatCompletions_FirstDeploymentHangs_TimesOutAndFailsOver()
    {
        await using var server = await StartAsync(firstFault: "timeout", attempts: 1, settings: new()
        {
            ["LlmGateway:Resilience:UpstreamTimeout"] = "00:00:00.500",
        });
        using var failovers = Collector(server, "llm_gateway.failovers");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sim-a", Assert.Single(failovers.GetMeasurementSnapshot()).Tags["provider"]);
    }

    [Fact]
    public async Task ChatCompletions_RandomUpstream429s_RetriesHideThemFromTheCaller()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["Simulation:RateLimitFaultRate"] = "0.3",
            ["Simulation:RetryAfter"] = "00:00:00.020",
            ["Simulation:Seed"] = "7",
            ["LlmGateway:Resilience:MaxAttemptsPerDeployment"] = "6",
        });
        using var retries = Collector(server, "llm_gateway.retries");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        for (var i = 0; i < 12; i++)
        {
            using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat($"Question {i}."));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotEmpty(retries.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ChatCompletionsStream_FirstDeploymentFailsBeforeAnyByte_StreamServedBySecond()
    {
        await using var server = await StartAsync(firstFault: "server-error", attempts: 1);
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("data: [DONE]", body.TrimEnd(), StringComparison.Ordinal);
    }

    private Task<LlmGatewayServer> StartAsync(string firstFault, int attempts, bool secondDeployment = true, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["LlmGateway:Providers:sim-a:Kind"] = "Simulated",
            ["LlmGateway:Providers:sim-a:Headers:x-simulated-fault"] = firstFault,
            ["LlmGateway:Providers:sim-b:Kind"] = "Simulated",
            ["LlmGateway:Models:sim-chat:Deployments:0:Provider"] = "sim-a",
            ["LlmGateway:Resilience:MaxAttemptsPerDeployment"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (secondDeployment)
        {
            all["LlmGateway:Models:sim-chat:Deployments:1:Provider"] = "sim-b";
        }

        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return GatewayHarness.StartAsync(fixture.Redis, all);
    }

    private static MetricCollector<long> Collector(LlmGatewayServer server, string instrument) =>
        new(server.Services.GetRequiredService<IMeterFactory>(), GatewayTelemetry.Name, instrument);
}
