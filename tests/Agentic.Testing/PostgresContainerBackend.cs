using Testcontainers.PostgreSql;

namespace Agentic.Testing;

/// <summary>PostgreSQL in a container, bound to a fixed host port.</summary>
internal sealed class PostgresContainerBackend(int port) : IPostgresBackend
{
    public const string Image = "postgres:15";

    /// <summary>The container's password; the local server trusts loopback and ignores it.</summary>
    public const string Password = "postgres";

    private readonly PostgreSqlContainer _container = new PostgreSqlBuilder(Image)
        .WithPortBinding(port, PostgreSqlBuilder.PostgreSqlPort)
        .WithUsername(PostgresServer.User)
        .WithPassword(Password)
        .Build();

    public Task StartAsync(CancellationToken cancellationToken) => _container.StartAsync(cancellationToken);

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
