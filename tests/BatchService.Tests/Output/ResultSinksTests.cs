using Agentic.BatchService.Activities;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Tests.Activities;
using Agentic.BatchService.Workflows;
using Agentic.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Agentic.BatchService.Tests.Output;

/// <summary>The PostgreSQL sink wired into parts, on a real PostgreSQL server.</summary>
public sealed class ResultSinksTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private PostgresServer? _server;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _connectionString = await _server.CreateDatabaseAsync("sinks");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ProcessAsync_PartRetriedAfterCrashes_LeavesExactlyOneRowPerId()
    {
        var options = new BatchOptions { CheckpointInterval = TimeSpan.Zero, RowRetryDelay = TimeSpan.FromMilliseconds(1) };
        options.ResultSinks["warehouse"] = new ResultSinkOptions { ConnectionName = "results", Table = "scored_rows" };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:results"] = _connectionString })
            .Build();
        var sinks = new ResultSinks(Microsoft.Extensions.Options.Options.Create(options), configuration);
        var input = await PlanAsync(rows: 200, batchSize: 100, part: 1);

        // Attempt 1 crashes part-way (the worker dies): nothing reaches the sink before the part is whole.
        using var crash = new CancellationTokenSource();
        PartCheckpoint? last = null;
        var crashing = new ScriptedModel(async (prompt, call, token) =>
        {
            if (prompt == "t150")
            {
                await crash.CancelAsync();
                token.ThrowIfCancellationRequested();
            }

            return new RowModelResult("first " + prompt, null, 1, 1);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Processor(crashing, options, sinks).ProcessAsync(input, 1, null, c => last = c, crash.Token));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'scored_rows'"));

        // Attempt 2 resumes from the checkpoint and upserts the whole part.
        var second = await Processor(new ScriptedModel(), options, sinks).ProcessAsync(input, 2, last, _ => { }, CancellationToken.None);

        // The upsert went through but the part file was lost (a crash between them): attempt 3 does the part again.
        File.Delete(second.PartPath);
        var third = await Processor(new ScriptedModel(), options, sinks).ProcessAsync(input, 3, null, _ => { }, CancellationToken.None);

        Assert.Equal(100, third.Succeeded);
        Assert.Equal(100, await CountAsync("SELECT count(*) FROM scored_rows WHERE job_id = 'job'"));
        Assert.Equal(100, await CountAsync("SELECT count(DISTINCT row_id) FROM scored_rows"));
        Assert.Equal(100, await CountAsync("SELECT count(*) FROM scored_rows WHERE row_id LIKE 'r1__' AND output_text LIKE 'echo:t1__' AND row_index BETWEEN 100 AND 199"));
    }

    private static PartProcessor Processor(ScriptedModel model, BatchOptions options, ResultSinks sinks) =>
        new(model, Microsoft.Extensions.Options.Options.Create(options), NullLogger<PartProcessor>.Instance, sinks: sinks);

    private async Task<BatchPartInput> PlanAsync(int rows, int batchSize, int part)
    {
        var inputPath = _dir.Write("in.jsonl", string.Join('\n', Enumerable.Range(0, rows).Select(i => $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}")) + "\n");
        var output = _dir.File("out");
        var spec = new BatchInputSpec(inputPath, BatchInputFormat.Jsonl, "id");
        var plan = await new BatchPlanner().PlanAsync(new PlanBatchInput("job", spec, batchSize, output), () => { }, CancellationToken.None);
        var task = new BatchTaskSpec(BatchTaskKind.Chat, "model", "{{text}}", null, null, null, null, null, 1, 4);
        return new BatchPartInput("job", part, plan.FirstRowOf(part), plan.RowCountOf(part), plan.IndexPath, spec, task, output, null,
            TimeSpan.FromSeconds(10), ResultSink: "warehouse");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
