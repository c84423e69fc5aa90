using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Output;

public class ParquetPartWriterTests
{
    [Fact]
    public async Task WriteAsync_ChatOutcomes_RoundTripsEveryColumn()
    {
        using var directory = new TempDirectory();
        var path = ParquetPartWriter.PartFile(directory.Path, 3);
        RowOutcome[] outcomes =
        [
            new(0, 2, "a", RowStatus.Succeeded, "東京 answer", null, null, 11, 5, 1, null),
            RowOutcome.Failed(1, 3, "b", 2, new RowError(RowError.TransportError, "gateway gone", 503, 3, 7), 4, 0),
            RowOutcome.Failed(2, null, null, 0, new RowError(RowError.MalformedRow, "no row id")),
        ];

        await ParquetPartWriter.WriteAsync(path, outcomes, BatchTaskKind.Chat);

        Assert.EndsWith("part-000003.parquet", path, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".tmp"));
        await using var reader = await ParquetInputReader.OpenAsync(path, "row");
        var rows = new List<InputRow>();
        await foreach (var row in reader.ReadAsync())
        {
            rows.Add(row);
        }

        Assert.Equal(3, rows.Count);
        var first = rows[0].Fields!;
        Assert.Equal("a", first["row_id"]);
        Assert.Equal("succeeded", first["status"]);
        Assert.Equal("東京 answer", first["output_text"]);
        Assert.Equal("11", first["prompt_tokens"]);
        Assert.Equal("5", first["completion_tokens"]);
        Assert.False(first.ContainsKey("error_kind"));
        var second = rows[1].Fields!;
        Assert.Equal("failed", second["status"]);
        Assert.Equal(RowError.TransportError, second["error_kind"]);
        Assert.Equal("503", second["error_status"]);
        Assert.Equal("gateway gone", second["error_message"]);
        Assert.Equal("7", second["error_column"]);
        Assert.Equal("2", second["attempts"]);
        Assert.False(rows[2].Fields!.ContainsKey("row_id"));
        Assert.False(rows[2].Fields!.ContainsKey("line"));
    }

    [Fact]
    public async Task WriteAsync_EmbeddingTask_HasEmbeddingColumnInsteadOfText()
    {
        using var directory = new TempDirectory();
        var path = ParquetPartWriter.PartFile(directory.Path, 0);
        RowOutcome[] outcomes = [new(0, 1, "e", RowStatus.Succeeded, null, null, [0.5f, -1f], 3, 0, 1, null)];

        await ParquetPartWriter.WriteAsync(path, outcomes, BatchTaskKind.Embedding);
        await ParquetPartWriter.WriteAsync(path, outcomes, BatchTaskKind.Embedding);

        await using var reader = await ParquetInputReader.OpenAsync(path, "row");
        Assert.Contains("output_embedding", reader.Columns);
        Assert.DoesNotContain("output_text", reader.Columns);
        Assert.Equal(1, reader.RowCount);
        await foreach (var row in reader.ReadAsync())
        {
            Assert.Equal("[0.5,-1]", row.Fields!["output_embedding"]);
        }
    }
}
