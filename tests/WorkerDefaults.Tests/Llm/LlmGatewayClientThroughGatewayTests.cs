using Agentic.LocalGateway;
using Agentic.Testing;
using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.AI;
using Temporalio.Exceptions;

namespace Agentic.WorkerDefaults.Tests.Llm;

/// <summary>The workers' client against the real gateway (limiter on a real redis-server) and its simulated provider.</summary>
public sealed class LlmGatewayClientThroughGatewayTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private LlmGatewayServer? _gateway;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        // One request a minute per model: the first call is admitted, the next is refused for about a minute.
        _gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = _redis.ConnectionString,
            RequestsPerMinute = 1,
        });
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetResponseAsync_OverTheGatewayLimit_LlmRateLimitedWaitingTheGatewaysRetryAfter()
    {
        using var client = new GatewayClientHost(_gateway!.BaseAddress, key: _gateway.ApiKey);

        var first = await client.Chat.GetResponseAsync("First call.");
        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => client.Chat.GetResponseAsync("Second call."));

        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        Assert.Equal(LlmGatewayFailures.RateLimited, failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.InRange(failure.NextRetryDelay!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(61));
        Assert.DoesNotContain(_gateway.ApiKey, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_WrongKey_NonRetryableLlmUnauthorized()
    {
        using var client = new GatewayClientHost(_gateway!.BaseAddress, key: "not-a-gateway-key");

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => client.Chat.GetResponseAsync("hi"));

        Assert.Equal(LlmGatewayFailures.Unauthorized, failure.ErrorType);
        Assert.True(failure.NonRetryable);
    }

    [Fact]
    public async Task GenerateAsync_UnknownModel_NonRetryableLlmModelNotFound()
    {
        using var client = new GatewayClientHost(_gateway!.BaseAddress, key: _gateway.ApiKey);

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(
            () => client.Embeddings.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "no-such-embedder" }));

        Assert.Equal(LlmGatewayFailures.ModelNotFound, failure.ErrorType);
        Assert.True(failure.NonRetryable);
    }
}
