using Agentic.BatchService.Input;
using Agentic.BatchService.Output;

namespace Agentic.BatchService.Tests.Input;

public class ParquetInputReaderTests
{
    private static readonly string Foreign = Path.Combine(AppContext.BaseDirectory, "Input", "Fixtures", "foreign-parquetjs.parquet");

    [Fact]
    public async Task ReadAsync_FileWrittenByParquetJs_ReadsRowsWithNestedColumnsByDottedPath()
    {
        await using var reader = await ParquetInputReader.OpenAsync(Foreign, "id");
        var rows = await ReadAllAsync(reader.ReadAsync());

        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(7, reader.RowCount);
        Assert.Equal(["r1", "r2", "r3", "r4", "r5", "r6", "r7"], rows.Select(r => r.RowId));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), rows.Select(r => r.Index));
        Assert.All(rows, r => Assert.Null(r.Error));
        var third = rows[2].Fields!;
        Assert.Equal("東京", third["text"]);
        Assert.Equal("3", third["count"]);
        Assert.Equal("ja", third["meta.lang"]);
        Assert.Equal("2", third["meta.score"]);
        Assert.Equal("third", third["note"]);
        Assert.Equal("-1.5", rows[3].Fields!["meta.score"]);
        Assert.False(rows[1].Fields!.ContainsKey("note"));
    }

    [Fact]
    public async Task ReadAsync_NestedFieldInTemplate_RendersDottedPath()
    {
        await using var reader = await ParquetInputReader.OpenAsync(Foreign, "id", ["meta.lang", "text"]);
        var rows = await ReadAllAsync(reader.ReadAsync());

        var prompt = PromptTemplate.Parse("[{{meta.lang}}] {{text}}").Render(rows[0].Fields!, out var missing);

        Assert.Equal("[en] hello", prompt);
        Assert.Null(missing);
        Assert.Equal(["id", "meta.lang", "text"], reader.Columns);
        Assert.Equal(["id", "meta.lang", "text"], rows[0].Fields!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_FromRowInLaterGroup_StartsThereAndStopsAtMax()
    {
        await using var reader = await ParquetInputReader.OpenAsync(Foreign, "id", ["text"]);
        var rows = await ReadAllAsync(reader.ReadAsync(firstRow: 4, maxRows: 2));

        Assert.Equal(["r5", "r6"], rows.Select(r => r.RowId));
        Assert.Equal([4L, 5L], rows.Select(r => r.Index));
    }

    [Theory]
    [InlineData("missing", "no column 'missing'")]
    [InlineData("meta", "'meta' is a list, map or struct")]
    public async Task OpenAsync_BadColumnSelection_ThrowsNamingColumn(string column, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetInputReader.OpenAsync(Foreign, "id", [column]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NotParquet_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("input.parquet", "id,text\n1,hello\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetInputReader.OpenAsync(path, "id"));

        Assert.Contains("not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OneCorruptRowGroupOfTen_FailsOnlyThatGroupsRowsKeepingIds()
    {
        using var directory = new TempDirectory();
        var path = directory.File("input.parquet");
        await ParquetFiles.WriteAsync(path, groups: 10, rowsPerGroup: 10);
        await ParquetFiles.CorruptColumnChunkAsync(path, group: 3, column: 1);

        await using var reader = await ParquetInputReader.OpenAsync(path, "id");
        var read = await ReadAllAsync(reader.ReadAsync());

        Assert.Equal(100, read.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"id-{i}"), read.Select(r => r.RowId));
        var failed = read.Where(r => r.Error is not null).ToList();
        Assert.Equal(Enumerable.Range(30, 10).Select(i => (long)i), failed.Select(r => r.Index));
        Assert.All(failed, r =>
        {
            Assert.Equal(RowError.MalformedRow, r.Error!.Kind);
            Assert.Contains("Parquet row group 3 cannot be read (column 'text')", r.Error.Message, StringComparison.Ordinal);
        });
        Assert.Equal("text 41 " + new string('x', 200), read[41].Fields!["text"]);
    }

    private static async Task<List<InputRow>> ReadAllAsync(IAsyncEnumerable<InputRow> rows)
    {
        var list = new List<InputRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
