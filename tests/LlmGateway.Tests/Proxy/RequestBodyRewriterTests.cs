using System.Text;
using System.Text.Json;
using Agentic.LlmGateway.Proxy;

namespace Agentic.LlmGateway.Tests.Proxy;

public sealed class RequestBodyRewriterTests
{
    [Fact]
    public void Rewrite_NothingToChange_ReturnsTheSameBytes()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"m","messages":[]}""");
        var request = Parse(body);

        var rewritten = RequestBodyRewriter.Rewrite(body, request, "m");

        Assert.True(rewritten.Span == body.AsSpan());
    }

    [Theory]
    [InlineData("""{"model":"m","stream":true}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":null}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"x":1}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":false,"x":1}}""")]
    [InlineData(""" { "stream_options" : { "include_usage" : null } , "stream" : true , "model" : "m" } """)]
    public void Rewrite_StreamWithoutUsage_AddsIncludeUsageAndRenamesModel(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        var rewritten = RequestBodyRewriter.Rewrite(body, Parse(body), "provider/model-\"1\"");

        using var document = JsonDocument.Parse(rewritten);
        var root = document.RootElement;
        Assert.Equal("provider/model-\"1\"", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.True(root.GetProperty("stream").GetBoolean());
        if (json.Contains("\"x\"", StringComparison.Ordinal))
        {
            Assert.Equal(1, root.GetProperty("stream_options").GetProperty("x").GetInt32());
        }
    }

    private static LlmRequest Parse(byte[] body)
    {
        var request = LlmRequestParser.Parse(body, LlmOperation.ChatCompletions, out var error);
        Assert.Null(error);
        return request!;
    }
}
