using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Models;

namespace Agentic.LlmGateway.Tests.Simulation;

/// <summary>The official OpenAI SDK talks to the simulated provider as it would to OpenAI.</summary>
public sealed class SimulatedProviderOpenAiSdkTests(SimulatedProviderFixture fixture) : IClassFixture<SimulatedProviderFixture>
{
    [Fact]
    public async Task CompleteChat_Sdk_DeterministicReplyWithUsage()
    {
        var client = Client().GetChatClient("sim-chat");
#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK; the simulation honours it.
        var options = new ChatCompletionOptions { Seed = 99, MaxOutputTokenCount = 200 };
#pragma warning restore OPENAI001

        ChatCompletion first = await client.CompleteChatAsync([new UserChatMessage("Describe the batch run.")], options);
        ChatCompletion second = await client.CompleteChatAsync([new UserChatMessage("Describe the batch run.")], options);

        Assert.Equal(ChatFinishReason.Stop, first.FinishReason);
        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
        Assert.True(first.Usage.InputTokenCount > 0);
        Assert.True(first.Usage.OutputTokenCount > 0);
        Assert.Equal(first.Usage.InputTokenCount + first.Usage.OutputTokenCount, first.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_Sdk_ChunksThenUsage()
    {
        var client = Client().GetChatClient("sim-chat");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 200 };
        ChatCompletion plain = await client.CompleteChatAsync([new UserChatMessage("Stream the summary.")], options);

        var text = new System.Text.StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Stream the summary.")], options))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.True(updates > 3, "several chunks");
        Assert.Equal(plain.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(plain.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(plain.Usage.InputTokenCount, usage.InputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_SdkMaxOutputTokens_FinishReasonLength()
    {
        var client = Client().GetChatClient("sim-chat");

        ChatCompletion completion = await client.CompleteChatAsync(
            [new UserChatMessage("Write at length.")], new ChatCompletionOptions { MaxOutputTokenCount = 2 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(2, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task GenerateEmbeddings_Sdk_UnitVectorsOfConfiguredLength()
    {
        var client = Client().GetEmbeddingClient("sim-embed");

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["alpha", "beta"]);

        Assert.Equal(2, embeddings.Count);
        var vector = embeddings[0].ToFloats().ToArray();
        Assert.Equal(64, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
        Assert.True(embeddings.Usage.InputTokenCount >= 2);
    }

    [Fact]
    public async Task GetModels_Sdk_ListsSimulatedModels()
    {
        OpenAIModelCollection models = await Client().GetOpenAIModelClient().GetModelsAsync();

        Assert.Equal(["sim-chat", "sim-embed"], models.Select(m => m.Id));
    }

    [Fact]
    public async Task CompleteChat_SdkForcedRateLimit_ClientResultException429()
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        options.AddPolicy(new ForcedFaultPolicy("rate-limit"), PipelinePosition.PerCall);
        var client = new OpenAIClient(new ApiKeyCredential(SimulatedProviderHost.Key), options).GetChatClient("sim-chat");

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(429, failure.Status);
        Assert.Equal("2", failure.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true ? value : null);
    }

    private OpenAIClient Client() =>
        new(new ApiKeyCredential(SimulatedProviderHost.Key), new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "v1") });

    private sealed class ForcedFaultPolicy(string fault) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("x-simulated-fault", fault);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("x-simulated-fault", fault);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
