using Agentic.LlmGateway.Tests.RateLimiting;
using Agentic.LocalGateway;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>One Redis and one default gateway shared by a test class; special set-ups start their own gateway on the same Redis.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly RedisFixture _redis = new();
    private LlmGatewayServer? _server;

    public RedisFixture Redis => _redis;

    public LlmGatewayServer Server => _server ?? throw new InvalidOperationException("The gateway has not started.");

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _server = await GatewayHarness.StartAsync(_redis);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}
