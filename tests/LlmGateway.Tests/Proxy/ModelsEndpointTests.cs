using System.Net;
using System.Text.Json;
using OpenAI.Models;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>GET /v1/models and /v1/models/{id} in OpenAI's shape, with the operations each model serves, which the gateway enforces.</summary>
public sealed class ModelsEndpointTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task GetModel_KnownModelThroughSdk_ReturnsTheModel()
    {
        var models = GatewayHarness.Sdk(fixture.Server).GetOpenAIModelClient();

        OpenAIModel model = await models.GetModelAsync("sim-chat");

        Assert.Equal("sim-chat", model.Id);
        Assert.False(string.IsNullOrEmpty(model.OwnedBy));
    }

    [Fact]
    public async Task GetModel_KnownModel_OpenAiShapeWithOperations()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var chat = JsonDocument.Parse(await client.GetStringAsync("v1/models/sim-chat"));
        using var embed = JsonDocument.Parse(await client.GetStringAsync("v1/models/sim-embed"));

        Assert.Equal("model", chat.RootElement.GetProperty("object").GetString());
        Assert.Equal(["chat.completions"], chat.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["embeddings"], embed.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task GetModel_UnknownModel_404WithOpenAiError()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var response = await client.GetAsync("v1/models/no-such-model");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("no-such-model", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModel_WithoutKey_401()
    {
        using var client = GatewayHarness.Http(fixture.Server);

        using var response = await client.GetAsync("v1/models/sim-chat");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ListModels_EveryEntry_NamesItsOperations()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var body = JsonDocument.Parse(await client.GetStringAsync("v1/models"));

        var operations = body.RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => string.Join(",", m.GetProperty("operations").EnumerateArray().Select(o => o.GetString())));
        Assert.Equal("chat.completions", operations["sim-chat"]);
        Assert.Equal("embeddings", operations["sim-embed"]);
    }

    [Fact]
    public async Task ChatCompletions_EmbeddingModel_400NamingWhatTheModelServes()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "sim-embed"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("unsupported_operation", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains("does not serve chat.completions", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_ChatModel_400NamingWhatTheModelServes()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var response = await client.PostAsync("v1/embeddings", GatewayHarness.Json("""{"model":"sim-chat","input":"hello"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("does not serve embeddings", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
