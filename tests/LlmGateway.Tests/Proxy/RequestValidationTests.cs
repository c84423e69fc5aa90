using System.Net;
using System.Text.Json;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>Bad requests are refused by the gateway itself, with OpenAI-shaped bodies, before any limit or upstream.</summary>
public sealed class RequestValidationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ChatCompletions_UnknownModel_404NamingOnlyThatModel()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Chat(model: "no-such-model"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("model_not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("no-such-model", text, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.Server.ProviderKey, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("[1,2]", null)]
    [InlineData("""{"messages":[]}""", "model")]
    [InlineData("""{"model":42,"messages":[]}""", "model")]
    [InlineData("""{"model":"sim-chat","messages":"hi"}""", "messages")]
    [InlineData("""{"model":"sim-chat","messages":[],"max_tokens":-1}""", "max_tokens")]
    [InlineData("""{"model":"sim-chat","messages":[],"stream":"yes"}""", "stream")]
    public async Task ChatCompletions_BadBody_400WithErrorNamingTheField(string json, string? param)
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("{not json", "unexpected 'n' at line 1, column 2")]
    [InlineData("{\n  \"model\": \"sim-chat\",\n  \"messages\": [}\n", "unexpected '}' at line 3, column 16")]
    [InlineData("{\"model\": \"café\", 'x'", "unexpected ''' at line 1, column 19")]
    [InlineData("{\"model\":\"sim-chat\"", "ends at line 1, column 20 before the JSON is complete")]
    [InlineData("", "The request body is empty")]
    public async Task ChatCompletions_MalformedJson_400SaysWhatAndWhereInPlainWords(string json, string expected)
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);

        using var response = await client.PostAsync("v1/chat/completions", GatewayHarness.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_BodyOverLimit_413()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);
        var huge = new string('a', 9 * 1024 * 1024);

        using var response = await client.PostAsync("v1/embeddings", GatewayHarness.Json($$"""{"model":"sim-embed","input":"{{huge}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
