using Agentic.Testing;
using Npgsql;

namespace Agentic.AppHost.Tests.Testing;

public class PostgresServerTests
{
    [Fact]
    public async Task CreateDatabaseAsync_TwoDatabases_AreIsolatedFromEachOther()
    {
        await using var postgres = await PostgresServer.StartAsync();

        var first = await postgres.CreateDatabaseAsync("fixture");
        var second = await postgres.CreateDatabaseAsync("fixture");
        await ExecuteAsync(first, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (42);");

        Assert.NotEqual(first, second);
        Assert.Equal(42, await ScalarAsync<int>(first, "SELECT id FROM marker"));
        Assert.False(await ScalarAsync<bool>(second, "SELECT to_regclass('marker') IS NOT NULL"));
        Assert.StartsWith("15.", await ScalarAsync<string>(postgres.ConnectionString, "SHOW server_version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_RunningServer_StopsAcceptingConnections()
    {
        var postgres = await PostgresServer.StartAsync();
        var connectionString = postgres.ConnectionString;
        Assert.Equal(1, await ScalarAsync<int>(connectionString, "SELECT 1"));

        await postgres.DisposeAsync();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(connectionString, "SELECT 1"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
