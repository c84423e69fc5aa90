using Agentic.LocalServers;

namespace Agentic.Testing;

/// <summary>
/// A real PostgreSQL server for tests: a container when a Docker engine answers, Debian's PostgreSQL 15 binaries
/// otherwise (see <see cref="TestServerModes"/>). Tests share one server and isolate themselves with a database each
/// (<see cref="CreateDatabaseAsync"/>), which is far cheaper than a server per test.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Host = PostgresDatabases.Host;

    public const string User = PostgresDatabases.User;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly IPostgresBackend _backend;

    private PostgresServer(ServerMode mode, int port, IPostgresBackend backend)
    {
        Mode = mode;
        Port = port;
        _backend = backend;
    }

    public ServerMode Mode { get; }

    public int Port { get; }

    /// <summary>Npgsql connection string for the <c>postgres</c> maintenance database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var mode = await TestServerModes.ResolveAsync();
        var port = FreePort.Next();
        IPostgresBackend backend = mode == ServerMode.Container
            ? new PostgresContainerBackend(port)
            : new PostgresProcessBackend(new LocalPostgresProcess(port));
        var server = new PostgresServer(mode, port, backend);
        try
        {
            await backend.StartAsync(cancellationToken);
            await PostgresDatabases.WaitUntilAcceptingAsync(server.ConnectionString, StartTimeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionStringFor(string database) =>
        PostgresDatabases.ConnectionString(Port, database, PostgresContainerBackend.Password);

    /// <summary>Creates a fresh, empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default) =>
        ConnectionStringFor(await PostgresDatabases.CreateAsync(ConnectionString, prefix, cancellationToken));

    public ValueTask DisposeAsync() => _backend.DisposeAsync();
}
