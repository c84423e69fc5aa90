using Agentic.Batch.V1;
using Agentic.BatchService.Tests.Input;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Parquet jobs end to end: a file another tool wrote, Parquet parts out, and a corrupt row group.</summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class ParquetJobTests(BatchEnvironment environment) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartBatch_ForeignParquetWithNestedColumnsToParquetParts_WritesOnePartPerBatchWithEveryRow()
    {
        await using var gateway = await environment.StartGatewayAsync();
        var counter = new RowCallCounter();
        await using var service = await environment.StartServiceAsync(gateway, counter: counter);
        var request = new StartBatchRequest
        {
            JobId = "parquet-foreign-" + Guid.NewGuid().ToString("N"),
            Input = new BatchInput { Location = ParquetFiles.Foreign, RowIdColumn = "id", Columns = { "meta.lang", "text" } },
            Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "[{{meta.lang}}] {{text}}", MaxTokens = 8 },
            Model = BatchEnvironment.ChatModel,
            BatchSize = 3,
            OutputLocation = _dir.File("out"),
            OutputFormat = OutputFormat.Parquet,
        };

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(7, status.RowsSucceeded);
        Assert.Equal(3, status.BatchesCompleted);
        var parts = Directory.GetFiles(Path.Combine(request.OutputLocation, "parts")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"], parts.Select(Path.GetFileName));
        var records = new List<Agentic.BatchService.Input.InputRow>();
        foreach (var part in parts)
        {
            records.AddRange(await ParquetFiles.ReadAllAsync(part, "row_id"));
        }

        Assert.Equal(["r1", "r2", "r3", "r4", "r5", "r6", "r7"], records.Select(r => r.RowId));
        Assert.All(records, r => Assert.Equal("succeeded", r.Fields!["status"]));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.Fields!["output_text"])));
        Assert.Equal(status.TokensUsed, records.Sum(r => long.Parse(r.Fields!["prompt_tokens"], System.Globalization.CultureInfo.InvariantCulture)
            + long.Parse(r.Fields!["completion_tokens"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, counter.Calls["[ja] 東京"]);
        var manifest = OutputReader.Manifest(request.OutputLocation);
        Assert.Equal("parts/part-000002.parquet", manifest.GetProperty("parts")[2].GetProperty("path").GetString());
    }

    [Fact]
    public async Task StartBatch_ParquetWithOneCorruptRowGroupInAHundred_FailsOnlyThatGroupsRows()
    {
        var input = _dir.File("corrupt.parquet");
        await ParquetFiles.WriteAsync(input, groups: 100, rowsPerGroup: 10);
        await ParquetFiles.CorruptColumnChunkAsync(input, group: 42, column: 1);
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = new StartBatchRequest
        {
            JobId = "parquet-corrupt-" + Guid.NewGuid().ToString("N"),
            Input = new BatchInput { Location = input, Format = InputFormat.Parquet, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 8 },
            Model = BatchEnvironment.ChatModel,
            BatchSize = 100,
            MaxConcurrentBatches = 4,
            RowConcurrency = 16,
            OutputLocation = _dir.File("out-corrupt"),
        };

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(990, status.RowsSucceeded);
        Assert.Equal(10, status.RowsFailed);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(1000, records.Count);
        var failed = records.Where(r => r.Status == "failed").OrderBy(r => r.Row).ToList();
        Assert.Equal(Enumerable.Range(420, 10).Select(i => (long)i), failed.Select(r => r.Row));
        Assert.Equal(Enumerable.Range(420, 10).Select(i => $"id-{i}"), failed.Select(r => r.RowId));
        Assert.All(failed, r => Assert.Contains("Parquet row group 42 cannot be read", r.Error, StringComparison.Ordinal));
        Assert.All(records, r => Assert.Null(r.Line));
    }
}
