using Testcontainers.Redis;

namespace Agentic.Testing;

/// <summary>Redis in a container, bound to a fixed host port so a restart keeps the address.</summary>
internal sealed class RedisContainerBackend(int port) : IRedisBackend
{
    public const string Image = "redis:7.4";

    private readonly Testcontainers.Redis.RedisContainer _container = new RedisBuilder(Image)
        .WithPortBinding(port, RedisBuilder.RedisPort)
        .Build();

    public Task StartAsync(CancellationToken cancellationToken) => _container.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _container.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
