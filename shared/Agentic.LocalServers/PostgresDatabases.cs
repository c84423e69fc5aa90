using System.Globalization;
using Npgsql;

namespace Agentic.LocalServers;

/// <summary>
/// Connection strings, readiness and throwaway databases on a PostgreSQL server on loopback, whichever way it runs
/// (a local process here, a container in the test fixtures).
/// </summary>
public static class PostgresDatabases
{
    public const string Host = "127.0.0.1";

    public const string User = "postgres";

    public static string ConnectionString(int port, string database, string? password = null) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = port,
        Username = User,
        Password = password,
        Database = database,
        // Callers create and drop many databases: a pooled idle connection would block DROP DATABASE.
        Pooling = false,
    }.ConnectionString;

    /// <summary>Polls <c>SELECT 1</c> on the maintenance database until the server answers or the timeout passes.</summary>
    public static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(deadline.Token);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(deadline.Token);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException
                                              && !deadline.IsCancellationRequested)
            {
                // Polling a condition with a deadline: the server needs a moment to bind and finish recovery.
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
        }
    }

    /// <summary>Creates a fresh, empty database with a unique name (from <paramref name="prefix"/>) and returns its name.</summary>
    public static async Task<string> CreateAsync(string maintenanceConnectionString, string prefix, CancellationToken cancellationToken = default)
    {
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{Sanitize(prefix)}_{Guid.NewGuid():N}")[..Math.Min(63, prefix.Length + 33)];
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return name;
    }

    private static string Sanitize(string prefix)
    {
        var kept = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        return kept.Length == 0 ? "test" : kept[..Math.Min(kept.Length, 30)];
    }
}
