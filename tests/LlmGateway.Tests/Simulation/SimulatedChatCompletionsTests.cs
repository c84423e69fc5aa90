using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace Agentic.LlmGateway.Tests.Simulation;

public sealed class SimulatedChatCompletionsTests(SimulatedProviderFixture fixture) : IClassFixture<SimulatedProviderFixture>
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Fact]
    public async Task ChatCompletions_SameModelMessagesAndSeed_SameContent()
    {
        using var client = fixture.Host.CreateClient();

        var first = await ContentAsync(client, Chat("Summarise the order.", seed: 7));
        var second = await ContentAsync(client, Chat("Summarise the order.", seed: 7));
        var otherSeed = await ContentAsync(client, Chat("Summarise the order.", seed: 8));
        var otherPrompt = await ContentAsync(client, Chat("Summarise the invoice.", seed: 7));

        Assert.False(string.IsNullOrWhiteSpace(first));
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, otherPrompt);
    }

    [Fact]
    public async Task ChatCompletions_Usage_CountsTokensOfPromptAndReply()
    {
        using var client = fixture.Host.CreateClient();
        var request = new JsonObject
        {
            ["model"] = "sim-chat",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Count these tokens, please." }) }),
        };

        using var response = await client.PostAsJsonAsync("v1/chat/completions", request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var content = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        var usage = body.GetProperty("usage");
        // Content tokens plus OpenAI's framing: 3 per message and 3 to prime the reply.
        var expectedPrompt = O200k.CountTokens("You are terse.") + O200k.CountTokens("Count these tokens, please.") + (2 * 3) + 3;
        Assert.Equal(expectedPrompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(O200k.CountTokens(content), usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(expectedPrompt + O200k.CountTokens(content), usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("sim-chat", body.GetProperty("model").GetString());
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletions_MaxTokens_CutsReplyWithFinishReasonLength()
    {
        using var client = fixture.Host.CreateClient();
        var full = await PostAsync(client, Chat("Write a long answer.", seed: 3));
        var fullContent = full.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.True(full.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 4, "the reply is long enough to cut");

        var request = Chat("Write a long answer.", seed: 3);
        request["max_tokens"] = 4;
        var cut = await PostAsync(client, request);

        var choice = cut.GetProperty("choices")[0];
        var content = choice.GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(4, cut.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, O200k.CountTokens(content));
        Assert.StartsWith(content, fullContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_JsonSchema_ReturnsObjectWithTypedRequiredProperties()
    {
        using var client = fixture.Host.CreateClient();
        var request = Chat("Classify this ticket.", seed: 1);
        request["response_format"] = JsonNode.Parse("""
            {"type":"json_schema","json_schema":{"name":"ticket","strict":true,"schema":{
              "type":"object","additionalProperties":false,
              "required":["label","priority","score","urgent","tags","owner"],
              "properties":{
                "label":{"type":"string","enum":["bug","feature","question"]},
                "priority":{"type":"integer","minimum":1,"maximum":5},
                "score":{"type":"number"},
                "urgent":{"type":"boolean"},
                "tags":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":2},
                "owner":{"type":"object","required":["name"],"properties":{"name":{"type":["string","null"]}}}}}}}
            """);

        var content = (await PostAsync(client, request)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

        using var json = JsonDocument.Parse(content);
        var root = json.RootElement;
        Assert.Contains(root.GetProperty("label").GetString(), new[] { "bug", "feature", "question" });
        Assert.InRange(root.GetProperty("priority").GetInt32(), 1, 5);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("score").ValueKind);
        Assert.True(root.GetProperty("urgent").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.Equal(2, root.GetProperty("tags").GetArrayLength());
        Assert.Equal(JsonValueKind.String, root.GetProperty("owner").GetProperty("name").ValueKind);
        Assert.Equal(6, root.EnumerateObject().Count());
    }

    [Fact]
    public async Task ChatCompletions_JsonObjectWithSmallMaxTokens_StillValidJson()
    {
        using var client = fixture.Host.CreateClient();
        var request = Chat("Answer in JSON.", seed: 5);
        request["response_format"] = new JsonObject { ["type"] = "json_object" };
        request["max_tokens"] = 20;

        var body = await PostAsync(client, request);

        var content = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        using var json = JsonDocument.Parse(content);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.InRange(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 20);
    }

    [Fact]
    public async Task ChatCompletions_Stream_SendsContentChunksUsageThenDone()
    {
        using var client = fixture.Host.CreateClient();
        var plain = await PostAsync(client, Chat("Stream this.", seed: 11));
        var request = Chat("Stream this.", seed: 11);
        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        var events = await SseAsync(client, request);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var contentChunks = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).ToList();
        Assert.True(contentChunks.Count > 3, "the reply arrives in several chunks");
        Assert.Equal("assistant", contentChunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(contentChunks.Select(c =>
            c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var piece) ? piece.GetString() : null));
        Assert.Equal(plain.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), text);
        Assert.Equal("stop", contentChunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(contentChunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));

        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(
            plain.GetProperty("usage").GetProperty("completion_tokens").GetInt32(),
            usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(
            plain.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(),
            usageChunk.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_StreamWithoutIncludeUsage_NoUsageChunk()
    {
        using var client = fixture.Host.CreateClient();
        var request = Chat("Stream this.", seed: 12);
        request["stream"] = true;

        var events = await SseAsync(client, request);

        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events[..^1], e =>
        {
            var chunk = JsonDocument.Parse(e).RootElement;
            Assert.Equal(1, chunk.GetProperty("choices").GetArrayLength());
            Assert.False(chunk.TryGetProperty("usage", out _));
        });
    }

    [Fact]
    public async Task ChatCompletions_StreamForcedDrop_EndsWithoutDone()
    {
        using var client = fixture.Host.CreateClient();
        var request = Chat("Stream this.", seed: 13);
        request["stream"] = true;
        var received = new List<string>();

        var failure = await Record.ExceptionAsync(() => SseAsync(client, request, "drop-stream", received));

        Assert.True(failure is HttpRequestException or IOException, $"the read fails, got {failure?.GetType().Name ?? "no exception"}");
        Assert.NotEmpty(received);
        Assert.DoesNotContain("[DONE]", received);
    }

    [Fact]
    public async Task ChatCompletions_StreamForcedSlow_ChunksSpacedBySlowDelay()
    {
        using var client = fixture.Host.CreateClient();
        var request = Chat("Stream this slowly.", seed: 14);
        request["stream"] = true;
        var arrivals = new List<TimeSpan>();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var events = await SseAsync(client, request, "slow-stream", onEvent: () => arrivals.Add(stopwatch.Elapsed));

        Assert.Equal("[DONE]", events[^1]);
        // The fixture's SlowStreamChunkDelay is 20 ms between chunks; only the lower bound is safe on a busy machine.
        var spread = arrivals[^1] - arrivals[0];
        Assert.True(spread >= TimeSpan.FromMilliseconds(20 * (events.Count - 2) * 0.9), $"{events.Count} events over {spread.TotalMilliseconds} ms");
    }

    public static JsonObject Chat(string prompt, long? seed = null, string model = "sim-chat")
    {
        var request = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        };
        if (seed is { } value)
        {
            request["seed"] = value;
        }

        return request;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync("v1/chat/completions", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> ContentAsync(HttpClient client, JsonObject request) =>
        (await PostAsync(client, request)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static async Task<List<string>> SseAsync(
        HttpClient client, JsonObject request, string? fault = null, List<string>? received = null, Action? onEvent = null)
    {
        received ??= [];
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(request) };
        if (fault is not null)
        {
            message.Headers.Add("x-simulated-fault", fault);
        }

        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                received.Add(line["data: ".Length..]);
                onEvent?.Invoke();
            }
        }

        return received;
    }
}
