using System.Text;
using Agentic.LocalServers;
using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.AI;
using Temporalio.Exceptions;

namespace Agentic.WorkerDefaults.Tests.Llm;

/// <summary>The workers' chat client and embedding generator against the simulated provider over loopback.</summary>
public sealed class LlmGatewayChatClientTests(ScriptedGateway gateway) : IClassFixture<ScriptedGateway>, IDisposable
{
    private readonly GatewayClientHost _client = new(gateway.BaseAddress);

    [Fact]
    public async Task GetResponseAsync_SimulatedProvider_TextUsageAndCallerKey()
    {
        gateway.Script = null;
        gateway.Fault = null;

        var response = await _client.Chat.GetResponseAsync("Summarise the batch.", new ChatOptions { Seed = 4 });
        var again = await _client.Chat.GetResponseAsync("Summarise the batch.", new ChatOptions { Seed = 4 });

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(response.Text, again.Text);
        Assert.True(response.Usage?.InputTokenCount > 0);
        Assert.True(response.Usage?.OutputTokenCount > 0);
        Assert.Equal("sim-chat", response.ModelId);
        Assert.Equal($"Bearer {GatewayClientHost.Key}", gateway.LastAuthorization);
    }

    [Fact]
    public async Task GetResponseAsync_ModelIdInOptions_CallsThatModel()
    {
        gateway.Script = null;
        gateway.Fault = null;

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(
            () => _client.Chat.GetResponseAsync("hi", new ChatOptions { ModelId = "no-such-model" }));

        Assert.Equal(LlmGatewayFailures.ModelNotFound, failure.ErrorType);
        Assert.True(failure.NonRetryable);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SimulatedProvider_SameTextAsPlainCallWithUsage()
    {
        gateway.Script = null;
        gateway.Fault = null;
        var plain = await _client.Chat.GetResponseAsync("Stream it.", new ChatOptions { Seed = 9 });

        var text = new StringBuilder();
        var updates = 0;
        UsageDetails? usage = null;
        await foreach (var update in _client.Chat.GetStreamingResponseAsync("Stream it.", new ChatOptions { Seed = 9 }))
        {
            updates++;
            text.Append(update.Text);
            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        Assert.True(updates > 3);
        Assert.Equal(plain.Text, text.ToString());
        Assert.Equal(plain.Usage?.OutputTokenCount, usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_RateLimited_LlmRateLimitedWithRetryAfter()
    {
        gateway.Script = null;
        gateway.Fault = "rate-limit";

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(async () =>
        {
            await foreach (var update in _client.Chat.GetStreamingResponseAsync("hi"))
            {
                Assert.Fail($"no update expected, got '{update.Text}'");
            }
        });

        Assert.Equal(LlmGatewayFailures.RateLimited, failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.Equal(TimeSpan.FromMilliseconds(2250), failure.NextRetryDelay);
    }

    [Fact]
    public async Task GenerateAsync_SimulatedProvider_VectorsOfConfiguredLength()
    {
        gateway.Script = null;
        gateway.Fault = null;

        var embeddings = await _client.Embeddings.GenerateAsync(["one", "two"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(32, embeddings[0].Vector.Length);
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.True(embeddings.Usage?.InputTokenCount >= 2);
    }

    [Fact]
    public async Task GenerateAsync_RateLimited_LlmRateLimitedWithRetryAfter()
    {
        gateway.Script = null;
        gateway.Fault = "rate-limit";

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => _client.Embeddings.GenerateAsync(["one"]));

        Assert.Equal(LlmGatewayFailures.RateLimited, failure.ErrorType);
        Assert.Equal(TimeSpan.FromMilliseconds(2250), failure.NextRetryDelay);
    }

    [Fact]
    public async Task GetResponseAsync_ProviderTimeout_RetryableUpstreamError()
    {
        gateway.Script = null;
        gateway.Fault = "timeout";
        using var client = new GatewayClientHost(gateway.BaseAddress, timeout: TimeSpan.FromMilliseconds(500));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => client.Chat.GetResponseAsync("hi"));

        Assert.Equal(LlmGatewayFailures.UpstreamError, failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.Null(failure.NextRetryDelay);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_OperationCanceledNotAFailure()
    {
        gateway.Script = null;
        gateway.Fault = "timeout";
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var failure = await Record.ExceptionAsync(() => _client.Chat.GetResponseAsync("hi", cancellationToken: cancellation.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    [Fact]
    public async Task GetResponseAsync_NothingListening_RetryableUpstreamError()
    {
        var port = FreePort.Next();
        using var client = new GatewayClientHost(new Uri($"http://127.0.0.1:{port}/"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => client.Chat.GetResponseAsync("hi"));

        Assert.Equal(LlmGatewayFailures.UpstreamError, failure.ErrorType);
        Assert.False(failure.NonRetryable);
    }

    public void Dispose() => _client.Dispose();
}
