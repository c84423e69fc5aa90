using Agentic.BatchService.Output;
using Agentic.Testing;
using Npgsql;

namespace Agentic.BatchService.Tests.Output;

public class PostgresResultSinkTests
{
    [Fact]
    public async Task UpsertPartAsync_SamePartWrittenTwice_LeavesOneRowPerId()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("sink");
        var sink = new PostgresResultSink(connectionString, "batch_results");
        await sink.EnsureTableAsync();
        await sink.EnsureTableAsync();
        RowOutcome[] first =
        [
            new(0, 1, "a", RowStatus.Succeeded, "one", null, null, 3, 2, 1, null),
            RowOutcome.Failed(1, 2, "b", 1, new RowError(RowError.TransportError, "down")),
            RowOutcome.Failed(2, 3, null, 0, new RowError(RowError.MalformedRow, "no id")),
        ];
        RowOutcome[] retried = [first[0], new(1, 2, "b", RowStatus.Succeeded, "two", null, null, 4, 1, 2, null), first[2]];

        await sink.UpsertPartAsync("job-1", first);
        await sink.UpsertPartAsync("job-1", retried);
        await sink.UpsertPartAsync("job-2", first);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job_id, row_id, status, output_text, attempts FROM batch_results ORDER BY job_id, row_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}/{reader.GetString(2)}/{(reader.IsDBNull(3) ? "-" : reader.GetString(3))}/{reader.GetInt32(4)}");
        }

        Assert.Equal(["job-1/a/succeeded/one/1", "job-1/b/succeeded/two/2", "job-2/a/succeeded/one/1", "job-2/b/failed/-/1"], rows);
    }

    [Fact]
    public void Constructor_TableNameWithQuote_Throws() =>
        Assert.Throws<ArgumentException>(() => new PostgresResultSink("Host=127.0.0.1", "results\"; DROP"));
}
