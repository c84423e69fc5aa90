using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agentic.LlmGateway.Tests.Simulation;

public sealed class SimulatedFaultsTests(SimulatedProviderFixture fixture) : IClassFixture<SimulatedProviderFixture>
{
    [Fact]
    public async Task ChatCompletions_ForcedRateLimit_429WithRetryAfterHeadersAndErrorBody()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), "rate-limit");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        // The fixture's RetryAfter is 1.5 s: whole seconds rounded up, and the exact milliseconds.
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("1500", Assert.Single(response.Headers.GetValues("retry-after-ms")));
        var error = await ErrorAsync(response);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ChatCompletions_ForcedServerError_500WithErrorBody()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), "server-error");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("server_error", (await ErrorAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ForcedTimeout_NeverAnswersBeforeClientGivesUp()
    {
        using var client = fixture.Host.CreateClient(timeout: TimeSpan.FromMilliseconds(300));

        var failure = await Record.ExceptionAsync(() => SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), "timeout"));

        Assert.IsType<TaskCanceledException>(failure);
    }

    [Fact]
    public async Task ChatCompletions_ForcedDropNonStreaming_BodyIsCut()
    {
        using var client = fixture.Host.CreateClient();

        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), "drop-stream");
            await response.Content.ReadAsStringAsync();
        });

        Assert.True(failure is HttpRequestException or IOException, $"reading fails, got {failure?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public async Task ChatCompletions_UnknownFaultHeader_400NamingTheHeader()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), "meteor");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("x-simulated-fault", (await ErrorAsync(response)).GetProperty("param").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Endpoints_WithoutBearerKey_401WithErrorBody(string? authorization)
    {
        using var client = fixture.Host.CreateClient(key: null);
        foreach (var (method, path) in new[] { (HttpMethod.Post, "v1/chat/completions"), (HttpMethod.Post, "v1/embeddings"), (HttpMethod.Get, "v1/models") })
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(SimulatedChatCompletionsTests.Chat("hi"));
            }

            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_api_key", (await ErrorAsync(response)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_400WithErrorBody()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("v1/chat/completions", new StringContent("{\"model\": \"sim-chat\", ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        // What and where in plain words (#15 item 16), as the gateway says it, not the parser's wording.
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("not valid JSON", message, StringComparison.Ordinal);
        Assert.Contains("at line 1, column", message, StringComparison.Ordinal);
        Assert.Contains("before the JSON is complete", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"sim-chat"}""", "messages")]
    [InlineData("""{"model":"sim-chat","messages":[{"content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"sim-chat","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"sim-chat","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"yaml"}}""", "response_format.type")]
    public async Task ChatCompletions_InvalidField_400NamingTheField(string body, string param)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await ErrorAsync(response)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_404ModelNotFound()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi", model: "gpt-nonexistent"), fault: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_RateLimitRateOne_EveryRequest429()
    {
        await using var host = await SimulatedProviderHost.StartAsync(new Dictionary<string, string?> { ["Simulation:RateLimitFaultRate"] = "1" });
        using var client = host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat($"hi {i}"), fault: null);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        // The header overrides the random draw.
        using var forced = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), "none");
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_HalfServerErrorsWithSeed_SameSequenceEachRun()
    {
        async Task<string> RunAsync()
        {
            await using var host = await SimulatedProviderHost.StartAsync(new Dictionary<string, string?>
            {
                ["Simulation:ServerErrorFaultRate"] = "0.5",
                ["Simulation:Seed"] = "42",
            });
            using var client = host.CreateClient();
            var outcomes = new StringBuilder();
            for (var i = 0; i < 20; i++)
            {
                using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), fault: null);
                outcomes.Append(response.StatusCode == HttpStatusCode.OK ? '.' : 'E');
            }

            return outcomes.ToString();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains("E", first, StringComparison.Ordinal);
        Assert.Contains(".", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_FixedLatency_AnswersNoSoonerThanLatency()
    {
        await using var host = await SimulatedProviderHost.StartAsync(new Dictionary<string, string?> { ["Simulation:Latency"] = "00:00:00.150" });
        using var client = host.CreateClient();

        var stopwatch = Stopwatch.StartNew();
        using var response = await SendAsync(client, SimulatedChatCompletionsTests.Chat("hi"), fault: null);
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(140), $"answered after {stopwatch.Elapsed.TotalMilliseconds} ms");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, JsonObject body, string? fault)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
        if (fault is not null)
        {
            request.Headers.Add("x-simulated-fault", fault);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = body.GetProperty("error");
        Assert.True(error.TryGetProperty("param", out _) && error.TryGetProperty("code", out _), "OpenAI's error shape");
        return error;
    }
}
