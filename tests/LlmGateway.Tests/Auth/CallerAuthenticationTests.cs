using System.Net;
using System.Text.Json;
using Agentic.LlmGateway.Tests.Proxy;

namespace Agentic.LlmGateway.Tests.Auth;

/// <summary>Only configured bearer keys get through; the refusal is OpenAI-shaped.</summary>
public sealed class CallerAuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task ChatCompletions_MissingOrWrongKey_401WithOpenAiErrorBody(string? key)
    {
        using var client = GatewayHarness.Http(fixture.Server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = GatewayHarness.Chat() };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Models_WrongKey_401()
    {
        using var client = GatewayHarness.Http(fixture.Server, "not-a-key");

        using var response = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Embeddings_ProviderKeyUsedAsCallerKey_401()
    {
        // The provider key is the gateway's, not a caller's.
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ProviderKey);

        using var response = await client.PostAsync("v1/embeddings", GatewayHarness.Json("""{"model":"sim-embed","input":"x"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_EitherConfiguredKey_200()
    {
        foreach (var key in new[] { fixture.Server.ApiKey, fixture.Server.InteractiveApiKey })
        {
            using var client = GatewayHarness.Http(fixture.Server, key);
            using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
