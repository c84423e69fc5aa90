using System.Text.Json;
using Agentic.Batch.V1;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// The whole system as the AppHost wires it: a batch job started over gRPC on batch-service runs on Temporal
/// and calls llm-gateway with the key the AppHost handed to both, through the gateway's Redis limiter to its
/// simulated provider. A wrong key, a missing base URL or an unregistered worker fails this test.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class BatchThroughAppHostTests(LocalAppHostFixture fixture) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-apphost-batch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WatchBatch_JobThroughGateway_CompletesWithOneSucceededRecordPerRow()
    {
        const int rows = 40;
        var input = Path.Combine(_directory, "rows.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, rows)
            .Select(i => JsonSerializer.Serialize(new { id = $"r{i}", text = $"row number {i}" })));
        var output = Path.Combine(_directory, "out");
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("batch-service", "grpc"));
        var batches = new Batch.V1.BatchService.BatchServiceClient(channel);
        var jobId = $"apphost-{Guid.NewGuid():N}";

        await batches.StartBatchAsync(new StartBatchRequest
        {
            JobId = jobId,
            Input = new BatchInput { Location = input, Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 16 },
            Model = "sim-chat",
            BatchSize = 10,
            MaxConcurrentBatches = 2,
            RowConcurrency = 4,
            OutputLocation = output,
        });
        BatchStatus? last = null;
        using var watch = batches.WatchBatch(
            new WatchBatchRequest { JobId = jobId }, deadline: DateTime.UtcNow.AddSeconds(120));
        await foreach (var status in watch.ResponseStream.ReadAllAsync())
        {
            last = status;
        }

        Assert.NotNull(last);
        Assert.Equal(BatchState.Completed, last.State);
        Assert.Equal(rows, last.RowsSucceeded);
        Assert.Equal(0, last.RowsFailed);
        Assert.True(last.TokensUsed > 0, "the gateway reported no usage");
        var records = Directory.EnumerateFiles(Path.Combine(output, "parts"), "part-*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Equal(rows, records.Count);
        Assert.All(records, record => Assert.Equal("succeeded", record.GetProperty("status").GetString()));
    }
}
