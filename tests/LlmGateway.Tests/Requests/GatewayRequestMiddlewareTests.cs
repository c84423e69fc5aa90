using System.Diagnostics.Metrics;
using System.Net;
using Agentic.LlmGateway.Telemetry;
using Agentic.LlmGateway.Tests.Proxy;
using Agentic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace Agentic.LlmGateway.Tests.Requests;

/// <summary>Every API request gets an id (answer, upstream call, logs) and one count with its final status.</summary>
public sealed class GatewayRequestMiddlewareTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ChatCompletions_Answered_SameRequestIdReturnedSentUpstreamAndLogged()
    {
        var capture = new UpstreamHeaderCapture();
        var logs = new CapturedLogs();
        await using var server = await GatewayHarness.StartAsync(
            fixture.Redis,
            new Dictionary<string, string?> { ["Logging:LogLevel:Agentic.LlmGateway"] = "Debug" },
            services =>
            {
                services.AddSingleton<IStartupFilter>(capture);
                services.AddSingleton<ILoggerProvider>(logs);
            });
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var first = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());
        using var second = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = Assert.Single(first.Headers.GetValues("x-request-id"));
        Assert.Matches("^req_[0-9a-f]{32}$", id);
        Assert.NotEqual(id, Assert.Single(second.Headers.GetValues("x-request-id")));
        Assert.Contains(id, capture.RequestIds);
        // The provider's own id is kept apart from the gateway's.
        Assert.False(first.Headers.Contains("x-upstream-request-id") && first.Headers.GetValues("x-upstream-request-id").Single() == id);
        await Poll.UntilAsync(() => logs.Lines.Any(e => e.Contains(id, StringComparison.Ordinal) && e.Contains("200", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "request log line");
    }

    [Theory]
    [InlineData(null, "v1/chat/completions", HttpStatusCode.Unauthorized)]
    [InlineData("key", "v1/models/no-such-model", HttpStatusCode.NotFound)]
    public async Task Requests_RefusedByTheGateway_StillCarryARequestId(string? key, string path, HttpStatusCode expected)
    {
        using var client = GatewayHarness.Http(fixture.Server, key is null ? null : fixture.Server.ApiKey);

        using var response = path.StartsWith("v1/models", StringComparison.Ordinal)
            ? await client.GetAsync(path)
            : await client.PostAsync(path, GatewayHarness.Chat());

        Assert.Equal(expected, response.StatusCode);
        Assert.Matches("^req_[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    [Fact]
    public async Task Requests_EveryOutcome_CountedWithItsStatus()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, requestsPerMinute: 1, settings: new Dictionary<string, string?> { ["RateLimiting:BurstSeconds"] = "1" });
        using var requests = new MetricCollector<long>(server.Services.GetRequiredService<IMeterFactory>(), GatewayTelemetry.Name, "llm_gateway.requests");
        using var anonymous = GatewayHarness.Http(server);
        using var client = GatewayHarness.Http(server, server.ApiKey);

        (await anonymous.PostAsync("v1/chat/completions", GatewayHarness.Chat())).Dispose();
        (await client.PostAsync("v1/chat/completions", GatewayHarness.Json("{not json"))).Dispose();
        (await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "no-such-model"))).Dispose();
        (await client.PostAsync("v1/chat/completions", GatewayHarness.Chat())).Dispose();
        (await client.PostAsync("v1/chat/completions", GatewayHarness.Chat())).Dispose();

        int[] expected = [401, 400, 404, 200, 429];
        await Poll.UntilAsync(() => requests.GetMeasurementSnapshot().Count >= expected.Length, TimeSpan.FromSeconds(30), "five counts");
        var measured = requests.GetMeasurementSnapshot();
        Assert.Equal(expected.Order(), measured.Select(m => (int)m.Tags["http.response.status_code"]!).Order());
        Assert.Equal("anonymous", measured.Single(m => (int)m.Tags["http.response.status_code"]! == 401).Tags["caller"]);
        Assert.Equal("none", measured.Single(m => (int)m.Tags["http.response.status_code"]! == 404).Tags["model"]);
        Assert.Equal("sim-chat", measured.Single(m => (int)m.Tags["http.response.status_code"]! == 429).Tags["model"]);
    }
}
