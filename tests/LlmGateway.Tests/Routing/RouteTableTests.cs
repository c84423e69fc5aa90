using System.Net;
using System.Text.Json;
using Agentic.LlmGateway.Routing;
using Agentic.LlmGateway.Tests.Proxy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.LlmGateway.Tests.Routing;

/// <summary>Routes come from configuration, change with it, and fall back to the simulated provider without keys.</summary>
public sealed class RouteTableTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Current_ProviderWithoutKey_RoutesToSimulatedProviderUnderThePublicName()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["LlmGateway:Providers:openai:Kind"] = "OpenAI",
            ["LlmGateway:Models:gpt-4o-mini:Deployments:0:Provider"] = "openai",
            ["LlmGateway:Models:gpt-4o-mini:Deployments:0:Model"] = "gpt-4o-mini-2024-07-18",
        });
        var route = server.Services.GetRequiredService<RouteTable>().Current.Find("gpt-4o-mini");
        using var client = GatewayHarness.Http(server, server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "gpt-4o-mini"));

        Assert.NotNull(route);
        var deployment = Assert.Single(route.Deployments);
        Assert.True(deployment.Substituted);
        Assert.Equal("simulated", deployment.ProviderName);
        Assert.Equal(new Uri(server.BaseAddress, "simulated/v1/chat/completions"), deployment.ChatCompletionsUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Current_SimulationOff_NoSubstitutionNoSimulatedEndpointsAndSimOnlyModelsNotOffered()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["Simulation:Enabled"] = "false",
            ["LlmGateway:Providers:openai:Kind"] = "OpenAI",
            ["LlmGateway:Models:gpt-4o-mini:Deployments:0:Provider"] = "openai",
        });
        using var client = GatewayHarness.Http(server, server.ApiKey);

        var route = server.Services.GetRequiredService<RouteTable>().Current.Find("gpt-4o-mini");
        using var simulated = await client.GetAsync("simulated/v1/models");
        using var models = JsonDocument.Parse(await client.GetStringAsync("v1/models"));

        var deployment = Assert.Single(route!.Deployments);
        Assert.False(deployment.Substituted);
        Assert.Equal(new Uri("https://api.openai.com/v1/chat/completions"), deployment.ChatCompletionsUrl);
        Assert.Equal(HttpStatusCode.NotFound, simulated.StatusCode);
        Assert.Equal(["gpt-4o-mini"], models.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Current_ProviderWithKey_KeepsTheProviderAndItsModelName()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["LlmGateway:Providers:anthropic:Kind"] = "Anthropic",
            ["LlmGateway:Providers:anthropic:ApiKey"] = "sk-ant-test",
            ["LlmGateway:Models:claude:Deployments:0:Provider"] = "anthropic",
            ["LlmGateway:Models:claude:Deployments:0:Model"] = "claude-sonnet-4-5",
        });

        var deployment = Assert.Single(server.Services.GetRequiredService<RouteTable>().Current.Find("claude")!.Deployments);

        Assert.False(deployment.Substituted);
        Assert.Equal("claude-sonnet-4-5", deployment.UpstreamModel);
        Assert.Equal(new Uri("https://api.anthropic.com/v1/chat/completions"), deployment.ChatCompletionsUrl);
        Assert.Equal("Bearer sk-ant-test", deployment.AuthHeader?.Value);
        Assert.DoesNotContain("sk-ant-test", deployment.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Current_ProviderWithKeyHeader_SendsTheKeyRawInThatHeader()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["LlmGateway:Providers:azure:Kind"] = "OpenAICompatible",
            ["LlmGateway:Providers:azure:BaseUrl"] = "https://example.openai.azure.com/openai/v1",
            ["LlmGateway:Providers:azure:ApiKey"] = "azure-key",
            ["LlmGateway:Providers:azure:ApiKeyHeader"] = "api-key",
            ["LlmGateway:Models:az:Deployments:0:Provider"] = "azure",
        });

        var deployment = Assert.Single(server.Services.GetRequiredService<RouteTable>().Current.Find("az")!.Deployments);

        Assert.Equal(new KeyValuePair<string, string>("api-key", "azure-key"), deployment.AuthHeader);
        Assert.Equal(new Uri("https://example.openai.azure.com/openai/v1/embeddings"), deployment.EmbeddingsUrl);
        Assert.Equal("az", deployment.UpstreamModel);
    }

    [Fact]
    public async Task Current_ConfigurationReloaded_NewModelRoutedWithoutRestart()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis);
        using var client = GatewayHarness.Http(server, server.ApiKey);
        using (var before = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "alias-chat")))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        configuration["LlmGateway:Models:alias-chat:Deployments:0:Provider"] = "simulated";
        configuration["LlmGateway:Models:alias-chat:Deployments:0:Model"] = "sim-chat";
        configuration.Reload();

        using var after = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "alias-chat"));
        var models = await client.GetStringAsync("v1/models");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var body = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        // The deployment's model name went upstream (the body was rewritten), the public name came in.
        Assert.Equal("sim-chat", body.RootElement.GetProperty("model").GetString());
        Assert.Contains("\"alias-chat\"", models, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Current_InvalidConfigurationReloaded_KeepsRoutingWithTheLastGoodRoutes()
    {
        await using var server = await GatewayHarness.StartAsync(fixture.Redis);
        using var client = GatewayHarness.Http(server, server.ApiKey);
        using (var warm = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat()))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        configuration["LlmGateway:Models:broken:Deployments:0:Provider"] = "no-such-provider";
        // The options monitor refuses the change (its validator runs on reload); the caller of Reload may see that.
        _ = Record.Exception(configuration.Reload);

        using var after = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());
        using var broken = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "broken"));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, broken.StatusCode);
    }
}
