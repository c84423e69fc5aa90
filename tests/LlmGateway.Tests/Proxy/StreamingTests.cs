using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>Server-sent events pass through event by event; a broken upstream ends in an error event, never a silent end.</summary>
public sealed class StreamingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ChatCompletionsStream_SlowUpstream_FirstChunkArrivesLongBeforeTheLast()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = GatewayHarness.Chat("Tell a long story about rivers and mountains.", stream: true, maxTokens: 40),
        };
        request.Headers.Add("x-simulated-fault", "slow-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = await ReadEventsAsync(reader);

        Assert.Equal("[DONE]", events[^1].Data);
        var contentEvents = events.Where(e => e.Data != "[DONE]").ToList();
        Assert.True(contentEvents.Count >= 4, $"several chunks, got {contentEvents.Count}");
        // The simulated provider pauses 200 ms between chunks: buffering would deliver them all at once. Half the
        // pauses is the bar, so a test thread starved for a while on a loaded machine still passes.
        var spread = events[^1].At - events[0].At;
        Assert.True(spread >= TimeSpan.FromMilliseconds(100 * (contentEvents.Count - 1)),
            $"first to last event took {spread.TotalMilliseconds:F0} ms for {contentEvents.Count} chunks");
    }

    [Fact]
    public async Task ChatCompletionsStream_UpstreamDropsMidStream_ErrorEventAndNoDone()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = GatewayHarness.Chat("Write several sentences about the sea and ships.", stream: true, maxTokens: 60),
        };
        request.Headers.Add("x-simulated-fault", "drop-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = await ReadEventsAsync(reader);

        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.Contains(events, e => e.Data.Contains("\"choices\"", StringComparison.Ordinal));
        using var last = JsonDocument.Parse(events[^1].Data);
        Assert.Equal("upstream_stream_interrupted", last.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletionsStream_UpstreamFallsSilentMidStream_TimeoutErrorEventAndNoDone()
    {
        // The upstream pauses 200 ms between chunks (slow-stream); the gateway waits 100 ms at most.
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["LlmGateway:Resilience:UpstreamTimeout"] = "00:00:00.100",
        });
        using var client = GatewayHarness.Http(server, server.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = GatewayHarness.Chat("Tell a long story about rivers and mountains.", stream: true, maxTokens: 40),
        };
        request.Headers.Add("x-simulated-fault", "slow-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = await ReadEventsAsync(reader);

        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.True(events.Count >= 2, "the first chunk, then the error");
        using var last = JsonDocument.Parse(events[^1].Data);
        Assert.Equal("upstream_timeout", last.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_NonStreamingAnswerCutMidBody_CallerSeesABrokenResponseNotATruncatedOne()
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = GatewayHarness.Chat("Write several sentences about the sea and ships.", maxTokens: 60),
        };
        request.Headers.Add("x-simulated-fault", "drop-stream");

        // Bytes had reached the caller, so no retry: the connection is cut rather than the body ended early.
        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            using var _ = JsonDocument.Parse(body);
        });

        Assert.True(failure is HttpRequestException or IOException, $"got {failure?.GetType().Name ?? "a complete answer"}");
    }

    [Fact]
    public async Task ChatCompletionsStream_CallerDidNotAskForUsage_NoUsageChunk()
    {
        var events = await StreamAsync(includeUsage: false);

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.DoesNotContain(events, e => HasUsage(e.Data));
    }

    [Fact]
    public async Task ChatCompletionsStream_CallerAskedForUsage_UsageChunkBeforeDone()
    {
        var events = await StreamAsync(includeUsage: true);

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.True(HasUsage(events[^2].Data), events[^2].Data);
    }

    private async Task<List<SseEvent>> StreamAsync(bool includeUsage)
    {
        using var client = GatewayHarness.Http(fixture.Server, fixture.Server.ApiKey);
        using var response = await client.PostAsync("v1/chat/completions",
            GatewayHarness.Chat("Count to five.", stream: true, maxTokens: 30, includeUsage: includeUsage));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return await ReadEventsAsync(reader);
    }

    private static bool HasUsage(string data)
    {
        if (data == "[DONE]")
        {
            return false;
        }

        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object;
    }

    private static async Task<List<SseEvent>> ReadEventsAsync(StreamReader reader)
    {
        var events = new List<SseEvent>();
        var clock = Stopwatch.StartNew();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                events.Add(new SseEvent(line[5..].Trim(), clock.Elapsed));
            }
        }

        return events;
    }

    private sealed record SseEvent(string Data, TimeSpan At);
}
