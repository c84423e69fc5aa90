using Agentic.LocalServers;

namespace Agentic.Bench;

/// <summary>Debian's PostgreSQL 15 on a free loopback port (fsync off), always the local binaries, like <see cref="RedisServer"/>.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly LocalPostgresProcess _process;

    private PostgresServer(LocalPostgresProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Npgsql connection string for the <c>postgres</c> maintenance database.</summary>
    public string ConnectionString => PostgresDatabases.ConnectionString(Port, "postgres");

    public static async Task<PostgresServer> StartAsync()
    {
        var port = FreePort.Next();
        var server = new PostgresServer(new LocalPostgresProcess(port), port);
        try
        {
            await server._process.StartAsync(CancellationToken.None);
            await PostgresDatabases.WaitUntilAcceptingAsync(server.ConnectionString, StartTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix) =>
        PostgresDatabases.ConnectionString(Port, await PostgresDatabases.CreateAsync(ConnectionString, prefix));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
