using Parquet;

namespace Agentic.BatchService.Output;

/// <summary>Reads back what a part's summary needs from a Parquet part (status, tokens and errors; not the outputs).</summary>
public static class ParquetPartSummary
{
    public static async Task<IReadOnlyList<RecordSummary>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var columns = ParquetOutputSchema.For(Workflows.BatchTaskKind.Chat);
        var records = new List<RecordSummary>();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        await using var reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: false, cancellationToken);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var row = new long[rows];
            var status = new string?[rows];
            var prompt = new long[rows];
            var completion = new long[rows];
            var kind = new string?[rows];
            var message = new string?[rows];
            var httpStatus = new int?[rows];
            await group.ReadAsync(columns.Row, row.AsMemory(), null, cancellationToken);
            await group.ReadAsync(columns.Status, status.AsMemory(), null, cancellationToken);
            await group.ReadAsync(columns.PromptTokens, prompt.AsMemory(), null, cancellationToken);
            await group.ReadAsync(columns.CompletionTokens, completion.AsMemory(), null, cancellationToken);
            await group.ReadAsync(columns.ErrorKind, kind.AsMemory(), null, cancellationToken);
            await group.ReadAsync(columns.ErrorMessage, message.AsMemory(), null, cancellationToken);
            await group.ReadAsync(columns.ErrorStatus, httpStatus.AsMemory(), null, cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                var rowStatus = status[i] switch
                {
                    "succeeded" => RowStatus.Succeeded,
                    "failed" => RowStatus.Failed,
                    _ => RowStatus.Skipped,
                };
                var error = rowStatus == RowStatus.Failed && kind[i] is { } k ? new RowError(k, message[i] ?? string.Empty, httpStatus[i]) : null;
                records.Add(new RecordSummary(row[i], rowStatus, prompt[i], completion[i], error));
            }
        }

        return records;
    }
}
