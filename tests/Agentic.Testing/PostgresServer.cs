using System.Globalization;
using Npgsql;

namespace Agentic.Testing;

/// <summary>
/// A real PostgreSQL server for tests: a container when a Docker engine answers, Debian's PostgreSQL 15 binaries
/// otherwise (see <see cref="TestServerModes"/>). Tests share one server and isolate themselves with a database each
/// (<see cref="CreateDatabaseAsync"/>), which is far cheaper than a server per test.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";

    public const string User = "postgres";

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
            : new PostgresProcessBackend(port);
        var server = new PostgresServer(mode, port, backend);
        try
        {
            await backend.StartAsync(cancellationToken);
            await server.WaitUntilAcceptingAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = User,
        Password = PostgresContainerBackend.Password,
        Database = database,
        // Tests create and drop many databases: a pooled idle connection would block DROP DATABASE.
        Pooling = false,
    }.ConnectionString;

    /// <summary>Creates a fresh, empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{Sanitize(prefix)}_{Guid.NewGuid():N}")[..Math.Min(63, prefix.Length + 33)];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private static string Sanitize(string prefix)
    {
        var kept = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        return kept.Length == 0 ? "test" : kept[..Math.Min(kept.Length, 30)];
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(timeout.Token);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException
                                              && !timeout.IsCancellationRequested)
            {
                // Polling a condition with a deadline: the server needs a moment to bind and finish recovery.
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
    }
}
