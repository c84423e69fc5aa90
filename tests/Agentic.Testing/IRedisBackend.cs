namespace Agentic.Testing;

/// <summary>One way of running a Redis server on a fixed loopback port.</summary>
internal interface IRedisBackend : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
