using System.Text;
using Agentic.LlmGateway.Proxy;

namespace Agentic.LlmGateway.Tests.Proxy;

public sealed class LlmRequestParserTests
{
    [Fact]
    public void Parse_ChatWithPartsAndOptions_ReadsModelStreamTokensAndTexts()
    {
        var json = """
            {"model":"sim-chat","stream":true,"max_tokens":10,"max_completion_tokens":30,
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hello"},{"type":"image_url","image_url":{"url":"x"}}]}],
             "stream_options":{"include_usage":true},"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
            """;

        var request = Parse(json, LlmOperation.ChatCompletions);

        Assert.Equal("sim-chat", request.Model);
        Assert.True(request.Stream);
        Assert.Equal(30, request.MaxTokens);
        Assert.True(request.CallerWantsUsage);
        Assert.Equal(["Be brief.", "Hello"], request.Texts);
        Assert.Equal("\"sim-chat\"", json[request.ModelToken]);
    }

    [Fact]
    public void Parse_EmbeddingsWithStringsAndTokenArrays_CountsBoth()
    {
        var request = Parse("""{"input":["a b",[1,2,3],[4]],"model":"sim-embed"}""", LlmOperation.Embeddings);

        Assert.Equal(["a b"], request.Texts);
        Assert.Equal(4, request.PreTokenized);
        Assert.False(request.Stream);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("{\"model\":\"m\"} {}", null)]
    [InlineData("{\"model\":null}", "model")]
    [InlineData("{\"model\":\"\"}", "model")]
    [InlineData("{\"model\":\"m\",\"input\":{}}", "input")]
    [InlineData("{\"model\":\"m\",\"stream_options\":3}", "stream_options")]
    public void Parse_Invalid_ErrorNamesTheField(string json, string? param)
    {
        var request = LlmRequestParser.Parse(Encoding.UTF8.GetBytes(json), LlmOperation.Embeddings, out var error);

        Assert.Null(request);
        Assert.NotNull(error);
        Assert.Equal(param, error.Param);
    }

    private static LlmRequest Parse(string json, LlmOperation operation)
    {
        var request = LlmRequestParser.Parse(Encoding.UTF8.GetBytes(json), operation, out var error);
        Assert.Null(error);
        return request!;
    }
}
