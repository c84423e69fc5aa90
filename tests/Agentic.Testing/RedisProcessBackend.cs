using Agentic.LocalServers;

namespace Agentic.Testing;

/// <summary>The local redis-server binary (no Docker engine answered).</summary>
internal sealed class RedisProcessBackend(LocalRedisProcess process) : IRedisBackend
{
    public Task StartAsync(CancellationToken cancellationToken) => process.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => process.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
