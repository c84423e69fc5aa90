using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agentic.LlmGateway.Simulation;
using Agentic.LlmGateway.Tests.Proxy;
using Agentic.LlmGateway.Tests.RateLimiting;
using OpenAI.Chat;

namespace Agentic.LlmGateway.Tests.Simulation;

/// <summary>Recorded answers: matched requests get the recorded answer and latency; the rest the generated one.</summary>
public sealed class SimulatedRecordingsTests(SimulatedRecordingsTests.Fixture fixture) : IClassFixture<SimulatedRecordingsTests.Fixture>
{
    private const string BodyPrompt = "Rate this body.";

    [Fact]
    public async Task ChatCompletions_ContainsMatch_RecordedContentAndUsage()
    {
        using var response = await PostAsync("judge-a", "Which output is better? [case Neighbor-0] Output (a): ... Output (b): ...");

        var body = await ReadAsync(response);
        Assert.Equal("recorded", Assert.Single(response.Headers.GetValues("x-simulated-answer")));
        Assert.Equal("2", Content(body));
        Assert.Equal(1, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("judge-a", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task ChatCompletions_RegexMatch_RecordedContent()
    {
        using var response = await PostAsync("judge-a", "Which output is better? [case GPTInst-17]");

        Assert.Equal("1", Content(await ReadAsync(response)));
    }

    [Fact]
    public async Task ChatCompletions_ExactMatchForAnyModel_RecordedContent()
    {
        using var response = await PostAsync("sim-chat", "Hello exactly", system: "You are a judge.");

        Assert.Equal("exact hit", Content(await ReadAsync(response)));
    }

    [Fact]
    public async Task ChatCompletions_Sha256Match_WholeRecordedBodyAsIs()
    {
        using var response = await PostAsync("judge-b", BodyPrompt);

        var body = await ReadAsync(response);
        Assert.Equal("chatcmpl-recorded", body.GetProperty("id").GetString());
        Assert.Equal("from the body", Content(body));
    }

    [Fact]
    public async Task ChatCompletions_Unmatched_GeneratedAnswer()
    {
        using var response = await PostAsync("judge-a", "Nothing recorded matches this.");

        var body = await ReadAsync(response);
        Assert.False(response.Headers.Contains("x-simulated-answer"));
        Assert.DoesNotContain(Content(body), new[] { "1", "2", "exact hit", "late" });
    }

    [Fact]
    public async Task ChatCompletions_RecordedLatency_AnswerWaitsForIt()
    {
        var watch = Stopwatch.StartNew();
        using var response = await PostAsync("judge-a", "a slow one");

        Assert.Equal("late", Content(await ReadAsync(response)));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task CompleteChatStreaming_Matched_RecordedContentStreamed()
    {
        var client = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(SimulatedProviderHost.Key), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "v1") });
        var text = new StringBuilder();

        await foreach (var update in client.GetChatClient("judge-b").CompleteChatStreamingAsync([new UserChatMessage(BodyPrompt)]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("from the body", text.ToString());
    }

    [Fact]
    public async Task Models_RecordedModels_Served()
    {
        using var client = fixture.Host.CreateClient();

        using var body = JsonDocument.Parse(await client.GetStringAsync("v1/models"));

        var ids = body.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("judge-a", ids);
        Assert.Contains("judge-b", ids);
    }

    [Fact]
    public async Task CompleteChat_ThroughGateway_RecordedJudgeAnswers()
    {
        var redis = new RedisFixture();
        await redis.InitializeAsync();
        try
        {
            await using var server = await GatewayHarness.StartAsync(redis, new Dictionary<string, string?>
            {
                ["Simulation:RecordedAnswers"] = fixture.Path,
                ["LlmGateway:Models:judge-a:Deployments:0:Provider"] = "simulated",
            });

            ChatCompletion verdict = await GatewayHarness.Sdk(server).GetChatClient("judge-a").CompleteChatAsync([new UserChatMessage("Judge [case Neighbor-0] please.")]);

            Assert.Equal("2", verdict.Content[0].Text);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("""{"model":"m","match":{"contains":"x","regex":"y"},"content":"a"}""", "exactly one of")]
    [InlineData("""{"model":"m","match":{"regex":"(unclosed"},"content":"a"}""", "not a valid regular expression")]
    [InlineData("""{"model":"m","match":{"sha256":"abc"},"content":"a"}""", "64 hex digits")]
    [InlineData("""{"model":"m","match":{"exact":"x"}}""", "either \"content\"")]
    [InlineData("""{"model":"m","match":{"exact":"x"},"content":"a","latency_ms":-1}""", "latency_ms")]
    [InlineData("""{"model":"m",""", "not valid JSON")]
    public void Validate_BadRecordedLine_NamesTheFileLineAndProblem(string line, string expected)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"recorded-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, """{"model":"m","match":{"exact":"fine"},"content":"ok"}""" + "\n" + line + "\n");
        try
        {
            var result = new SimulatedProviderOptionsValidator().Validate(null, new SimulatedProviderOptions { RecordedAnswers = path });

            Assert.True(result.Failed);
            Assert.Contains("line 2", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? Content(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> PostAsync(string model, string prompt, string? system = null)
    {
        using var client = fixture.Host.CreateClient();
        var messages = new JsonArray();
        if (system is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = prompt });
        return await client.PostAsJsonAsync("v1/chat/completions", new JsonObject { ["model"] = model, ["messages"] = messages });
    }

    /// <summary>A small recorded-answers file and a simulated provider that serves it.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"recorded-{Guid.NewGuid():N}.jsonl");

        public SimulatedProviderHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var response = """{"id":"chatcmpl-recorded","object":"chat.completion","created":1,"model":"judge-b","choices":[{"index":0,"message":{"role":"assistant","content":"from the body"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""";
            string[] lines =
            [
                """{"model":"judge-a","match":{"contains":"[case Neighbor-0]"},"content":"2"}""",
                """{"model":"judge-a","match":{"regex":"\\[case GPTInst-\\d+\\]"},"content":"1","latency_ms":0}""",
                """{"model":"judge-a","match":{"contains":"slow"},"content":"late","latency_ms":300}""",
                "",
                """{"model":"*","match":{"exact":"You are a judge.\nHello exactly"},"content":"exact hit"}""",
                $$"""{"model":"judge-b","match":{"sha256":"{{SimulatedRecording.Hash(BodyPrompt)}}"},"response":{{response}}}""",
            ];
            await File.WriteAllLinesAsync(Path, lines);
            Host = await SimulatedProviderHost.StartAsync(new Dictionary<string, string?> { ["Simulation:RecordedAnswers"] = Path });
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            File.Delete(Path);
        }
    }
}
