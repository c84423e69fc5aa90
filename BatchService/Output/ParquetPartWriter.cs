using System.Text.Json;
using Agentic.BatchService.Workflows;
using Parquet;
using Parquet.Schema;

namespace Agentic.BatchService.Output;

/// <summary>
/// Writes one part's outcomes as a Parquet file (one row group per part), next to where the JSONL part
/// would be. The file appears whole or not at all: it is written under a temporary name and renamed, so a
/// retried part replaces, never appends.
/// </summary>
public static class ParquetPartWriter
{
    public static string PartFile(string outputLocation, int part) => JobPaths.ParquetPartFile(outputLocation, part);

    public static async Task WriteAsync(string path, IReadOnlyList<RowOutcome> outcomes, BatchTaskKind kind, CancellationToken cancellationToken = default)
    {
        var columns = ParquetOutputSchema.For(kind);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await using var writer = await ParquetWriter.CreateAsync(columns.Schema, stream, null, false, cancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(columns.RowId, outcomes.Select(o => o.RowId).ToList());
            await WriteAsync(group, columns.Row, outcomes.Select(o => o.Index), cancellationToken);
            await WriteNullableAsync(group, columns.Line, outcomes.Select(o => o.Line), cancellationToken);
            await group.WriteAsync(columns.Status, outcomes.Select(o => OutputRecord.StatusName(o.Status)).ToList());
            if (kind == BatchTaskKind.Embedding)
            {
                await group.WriteAsync(columns.Embedding, outcomes.Select(o => o.Embedding is null ? null : JsonSerializer.Serialize(o.Embedding)).ToList());
            }
            else
            {
                await group.WriteAsync(columns.Text, outcomes.Select(o => o.Text).ToList());
                await group.WriteAsync(columns.Json, outcomes.Select(o => o.Json).ToList());
            }

            await WriteAsync(group, columns.PromptTokens, outcomes.Select(o => o.PromptTokens), cancellationToken);
            await WriteAsync(group, columns.CompletionTokens, outcomes.Select(o => o.CompletionTokens), cancellationToken);
            await WriteAsync(group, columns.Attempts, outcomes.Select(o => o.Attempts), cancellationToken);
            await group.WriteAsync(columns.ErrorKind, outcomes.Select(o => o.Error?.Kind).ToList());
            await WriteNullableAsync(group, columns.ErrorStatus, outcomes.Select(o => o.Error?.HttpStatus), cancellationToken);
            await group.WriteAsync(columns.ErrorMessage, outcomes.Select(o => o.Error?.Message).ToList());
            await WriteNullableAsync(group, columns.ErrorLine, outcomes.Select(o => o.Error?.Line), cancellationToken);
            await WriteNullableAsync(group, columns.ErrorColumn, outcomes.Select(o => o.Error?.Column), cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static async Task WriteAsync<T>(ParquetRowGroupWriter group, DataField field, IEnumerable<T> values, CancellationToken cancellationToken)
        where T : struct =>
        await group.WriteAsync(field, new ReadOnlyMemory<T>(values.ToArray()), null, null, cancellationToken);

    private static async Task WriteNullableAsync<T>(ParquetRowGroupWriter group, DataField field, IEnumerable<T?> values, CancellationToken cancellationToken)
        where T : struct =>
        await group.WriteAsync(field, new ReadOnlyMemory<T?>(values.ToArray()), null, null, cancellationToken);
}
