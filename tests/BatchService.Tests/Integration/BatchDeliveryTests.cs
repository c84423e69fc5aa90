using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.BatchService.Tests.Structured;
using Agentic.Testing;
using Npgsql;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// What a job sends to other systems, through gRPC StartBatch: its records into a configured PostgreSQL sink, and
/// its structured-output request to the gateway with the JSON schema marked strict.
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class BatchDeliveryTests(BatchEnvironment environment) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartBatch_ResultSink_UpsertsOneRowPerIdIntoPostgres()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("sink");
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway, new()
        {
            ["ConnectionStrings:results"] = database,
            ["Batch:ResultSinks:warehouse:ConnectionName"] = "results",
        });
        var rows = string.Join('\n', Enumerable.Range(0, 30).Select(i => JsonSerializer.Serialize(new { id = $"r{i}", text = $"row {i}" }))) + "\n";
        var request = new StartBatchRequest
        {
            JobId = "sink-" + Guid.NewGuid().ToString("N")[..8],
            Input = new BatchInput { Location = _dir.Write("rows.jsonl", rows), Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise {{text}}" },
            Model = BatchEnvironment.ChatModel,
            BatchSize = 10,
            OutputLocation = _dir.File("out"),
            ResultSink = "warehouse",
        };

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT row_id), count(*) FILTER (WHERE status = 'succeeded' AND output_text <> '') FROM batch_results WHERE job_id = $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = request.JobId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((30L, 30L, 30L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public async Task StartBatch_StructuredTask_AsksTheGatewayForAStrictJsonSchema()
    {
        var capture = new GatewayRequestCapture();
        await using var gateway = await environment.StartGatewayAsync(configureServices: capture.Register);
        await using var service = await environment.StartServiceAsync(gateway);
        var request = new StartBatchRequest
        {
            JobId = "strict-" + Guid.NewGuid().ToString("N")[..8],
            Input = new BatchInput { Location = _dir.Write("rows.jsonl", "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n"), Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Structured, PromptTemplate = "Rate {{text}}", JsonSchema = StructuredSchemaTests.ScoreSchema },
            Model = BatchEnvironment.ChatModel,
            BatchSize = 10,
            OutputLocation = _dir.File("out"),
        };

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        var asked = capture.ChatRequests.Select(body => JsonDocument.Parse(body).RootElement.Clone()).ToList();
        Assert.True(asked.Count >= 2);
        Assert.All(asked, body =>
        {
            var schema = body.GetProperty("response_format").GetProperty("json_schema");
            Assert.Equal("json_schema", body.GetProperty("response_format").GetProperty("type").GetString());
            Assert.True(schema.GetProperty("strict").GetBoolean());
            Assert.Equal(JsonValueKind.Object, schema.GetProperty("schema").ValueKind);
        });
    }
}
