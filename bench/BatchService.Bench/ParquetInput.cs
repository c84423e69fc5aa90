using Parquet;
using Parquet.Schema;

namespace Agentic.BatchService.Bench;

/// <summary>The Parquet benchmark's input: id and text columns, in row groups of one batch each.</summary>
public static class ParquetInput
{
    public static async Task WriteAsync(string path, int rows, int rowsPerGroup)
    {
        var id = new DataField<string>("id");
        var text = new DataField<string>("text");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, text), stream);
        for (var first = 0; first < rows; first += rowsPerGroup)
        {
            var count = Math.Min(rowsPerGroup, rows - first);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, Enumerable.Range(first, count).Select(i => $"r{i}").ToList());
            await group.WriteAsync(text, Enumerable.Range(first, count).Select(i => $"row number {i} of the benchmark").ToList());
        }
    }
}
