using Parquet;
using Parquet.Schema;

namespace Agentic.BatchService.Tests.Input;

/// <summary>Parquet inputs for tests: files written with Parquet.Net, the foreign fixture, and a way to garble one row group.</summary>
public static class ParquetFiles
{
    /// <summary>7 rows in 3 row groups written by parquetjs-lite (Input/Fixtures/README.md).</summary>
    public static string Foreign { get; } = Path.Combine(AppContext.BaseDirectory, "Input", "Fixtures", "foreign-parquetjs.parquet");

    /// <summary>Writes <paramref name="groups"/> row groups of <paramref name="rowsPerGroup"/> rows: id "id-{i}", text "text {i} xxx…".</summary>
    public static async Task WriteAsync(string path, int groups, int rowsPerGroup)
    {
        var id = new DataField<string>("id");
        var text = new DataField<string>("text");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, text), stream);
        for (var g = 0; g < groups; g++)
        {
            using var group = writer.CreateRowGroup();
            var rows = Enumerable.Range(g * rowsPerGroup, rowsPerGroup).ToList();
            await group.WriteAsync(id, rows.Select(i => $"id-{i}").ToList());
            await group.WriteAsync(text, rows.Select(i => $"text {i} {new string('x', 200)}").ToList());
        }
    }

    /// <summary>Garbles one column chunk of one row group after its page header's first bytes, so only that group is unreadable.</summary>
    public static async Task CorruptColumnChunkAsync(string path, int group, int column)
    {
        long start;
        long length;
        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            var chunk = reader.Metadata!.RowGroups[group].Columns[column].MetaData!;
            start = chunk.DictionaryPageOffset ?? chunk.DataPageOffset;
            length = chunk.TotalCompressedSize;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Seek(start + 8, SeekOrigin.Begin);
        await file.WriteAsync(Enumerable.Repeat((byte)0xA7, (int)length - 8).ToArray());
    }

    public static async Task<List<Agentic.BatchService.Input.InputRow>> ReadAllAsync(string path, string rowIdColumn)
    {
        await using var reader = await Agentic.BatchService.Input.ParquetInputReader.OpenAsync(path, rowIdColumn);
        var rows = new List<Agentic.BatchService.Input.InputRow>();
        await foreach (var row in reader.ReadAsync())
        {
            rows.Add(row);
        }

        return rows;
    }
}
