using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Agentic.LlmGateway.Telemetry;
using Agentic.LlmGateway.Tests.Proxy;
using Agentic.LocalGateway;
using Agentic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Agentic.LlmGateway.Tests.Telemetry;

/// <summary>GenAI semantic-convention metrics, admissions, upstream errors and cost from configured prices.</summary>
public sealed class GatewayMetricsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ChatCompletions_Answered_GenAiDurationAndTokenUsageWithSemanticConventionTags()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis);
        using var duration = Collector<double>(server, "gen_ai.client.operation.duration");
        using var usage = Collector<long>(server, "gen_ai.client.token.usage");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Poll.UntilAsync(() => duration.GetMeasurementSnapshot().Count == 1 && usage.GetMeasurementSnapshot().Count == 2, Deadline, "GenAI metrics");
        var operation = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("chat", operation.Tags["gen_ai.operation.name"]);
        Assert.Equal("sim-chat", operation.Tags["gen_ai.request.model"]);
        Assert.Equal("simulated", operation.Tags["gen_ai.provider.name"]);
        Assert.Equal("sim-chat", operation.Tags["gen_ai.response.model"]);
        Assert.False(operation.Tags.ContainsKey("error.type"));
        var tokens = usage.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["gen_ai.token.type"]!, m => m.Value);
        Assert.True(tokens["input"] > 0);
        Assert.True(tokens["output"] > 0);
    }

    [Fact]
    public async Task ChatCompletions_OverTheLimit_AdmissionsByOutcomeReasonAndPriorityClass()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?> { ["RateLimiting:InteractiveReservedShare"] = "0" }, requestsPerMinute: 1);
        using var admissions = Collector<long>(server, "llm_gateway.admissions");
        using var wait = Collector<double>(server, "llm_gateway.queue.wait");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        (await client.PostAsync("v1/chat/completions", GatewayHarness.Chat())).Dispose();
        (await client.PostAsync("v1/chat/completions", GatewayHarness.Chat())).Dispose();

        await Poll.UntilAsync(() => admissions.GetMeasurementSnapshot().Count == 2, Deadline, "two decisions");
        var decisions = admissions.GetMeasurementSnapshot();
        Assert.All(decisions, d => Assert.Equal("batch", d.Tags["priority_class"]));
        Assert.Contains(decisions, d => (string)d.Tags["outcome"]! == "admitted" && (string)d.Tags["reason"]! == "none");
        Assert.Contains(decisions, d => (string)d.Tags["outcome"]! == "refused" && ((string)d.Tags["reason"]!).Contains("requests", StringComparison.Ordinal));
        Assert.Equal(2, wait.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task ChatCompletions_UpstreamFails_UpstreamErrorsByKind()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["LlmGateway:Providers:simulated:Headers:x-simulated-fault"] = "server-error",
        });
        using var errors = Collector<long>(server, "llm_gateway.upstream.errors");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal("server_error", error.Tags["error.type"]);
        Assert.Equal("sim-chat", error.Tags["model"]);
    }

    [Fact]
    public async Task ChatCompletions_PricedModel_CostMetricPriceHeaderAndModelPricing()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["LlmGateway:Models:sim-chat:Price:InputPerMillion"] = "2.5",
            ["LlmGateway:Models:sim-chat:Price:OutputPerMillion"] = "10",
        });
        using var cost = Collector<double>(server, "llm_gateway.cost");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var model = JsonDocument.Parse(await client.GetStringAsync("v1/models/sim-chat"));

        var usage = body.RootElement.GetProperty("usage");
        var expected = ((usage.GetProperty("prompt_tokens").GetInt32() * 2.5) + (usage.GetProperty("completion_tokens").GetInt32() * 10.0)) / 1_000_000;
        await Poll.UntilAsync(() => cost.GetMeasurementSnapshot().Count == 1, Deadline, "cost");
        Assert.Equal(expected, Assert.Single(cost.GetMeasurementSnapshot()).Value, 12);
        Assert.Equal("input=2.5; cached_input=2.5; output=10; unit=USD per 1M tokens", Assert.Single(response.Headers.GetValues("x-llm-gateway-price")));
        var pricing = model.RootElement.GetProperty("pricing");
        Assert.Equal(2.5m, pricing.GetProperty("input_per_million").GetDecimal());
        Assert.Equal(10m, pricing.GetProperty("output_per_million").GetDecimal());
        Assert.Equal("USD", pricing.GetProperty("currency").GetString());
    }

    private static MetricCollector<T> Collector<T>(LlmGatewayServer server, string instrument)
        where T : struct =>
        new(server.Services.GetRequiredService<IMeterFactory>(), GatewayTelemetry.Name, instrument);
}
