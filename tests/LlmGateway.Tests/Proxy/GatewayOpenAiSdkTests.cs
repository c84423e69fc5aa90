using System.Text;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Models;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>The official OpenAI SDK, pointed at the gateway, reaches the simulated provider through it.</summary>
public sealed class GatewayOpenAiSdkTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task CompleteChat_ThroughGateway_SameAnswerAsSimulatedProviderWithUsage()
    {
        var chat = GatewayHarness.Sdk(fixture.Server).GetChatClient("sim-chat");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };

        ChatCompletion viaGateway = await chat.CompleteChatAsync([new UserChatMessage("Summarise the quarterly report.")], options);
        ChatCompletion again = await chat.CompleteChatAsync([new UserChatMessage("Summarise the quarterly report.")], options);

        Assert.Equal("sim-chat", viaGateway.Model);
        Assert.False(string.IsNullOrWhiteSpace(viaGateway.Content[0].Text));
        Assert.Equal(viaGateway.Content[0].Text, again.Content[0].Text);
        Assert.True(viaGateway.Usage.InputTokenCount > 0);
        Assert.True(viaGateway.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_ThroughGateway_SameTextAsNonStreamingAndNoUsageChunkUnasked()
    {
        var chat = GatewayHarness.Sdk(fixture.Server).GetChatClient("sim-chat");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Stream a short story.")], options);

        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Stream a short story.")], options))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.True(updates > 3, $"several chunks, got {updates}");
        Assert.Equal(plain.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        // The SDK asks for usage itself (stream_options.include_usage), so it gets the usage chunk through the gateway.
        Assert.NotNull(usage);
        Assert.Equal(plain.Usage.OutputTokenCount, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_ForcedToolChoiceThroughGateway_ToolCallFillingTheSchema()
    {
        var chat = GatewayHarness.Sdk(fixture.Server).GetChatClient("sim-chat");
        var tool = ChatTool.CreateFunctionTool("lookup_order", "Finds an order.", BinaryData.FromString("""{"type":"object","properties":{"order_id":{"type":"integer","minimum":1000,"maximum":9999}},"required":["order_id"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateFunctionChoice("lookup_order") };

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Where is my order?")], options);

        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("lookup_order", call.FunctionName);
        using var arguments = System.Text.Json.JsonDocument.Parse(call.FunctionArguments);
        Assert.InRange(arguments.RootElement.GetProperty("order_id").GetInt32(), 1000, 9999);
    }

    [Fact]
    public async Task GenerateEmbeddings_ThroughGateway_VectorsAndUsage()
    {
        var embeddings = GatewayHarness.Sdk(fixture.Server).GetEmbeddingClient("sim-embed");

        OpenAIEmbeddingCollection result = await embeddings.GenerateEmbeddingsAsync(["alpha", "beta", "gamma"]);

        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.True(e.ToFloats().Length > 0));
        Assert.True(result.Usage.InputTokenCount >= 3);
    }

    [Fact]
    public async Task GetModels_ThroughGateway_ListsTheGatewaysModels()
    {
        OpenAIModelCollection models = await GatewayHarness.Sdk(fixture.Server).GetOpenAIModelClient().GetModelsAsync();

        Assert.Equal(["sim-chat", "sim-embed"], models.Select(m => m.Id).Order(StringComparer.Ordinal));
    }
}
