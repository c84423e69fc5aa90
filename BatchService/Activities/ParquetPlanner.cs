using System.Globalization;
using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Plans a Parquet input by row count: the footer gives the rows without reading a row group, and each part's
/// plan entry is its first row (a part skips the row groups wholly before it). Only the row id column is read,
/// to refuse repeated ids; parts that match the row groups' size read each group once.
/// </summary>
public static class ParquetPlanner
{
    public static async Task<BatchPlan> PlanAsync(PlanBatchInput input, Action heartbeat, CancellationToken cancellationToken)
    {
        long rows;
        try
        {
            await using var reader = await ParquetInputReader.OpenAsync(input.Input.Path, input.Input.RowIdColumn, input.Input.Columns, cancellationToken);
            rows = reader.RowCount;
        }
        catch (InvalidDataException e)
        {
            throw new ApplicationFailureException(e.Message, BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        if (!input.Input.AllowDuplicateRowIds && await RepeatedIdsAsync(input.Input, heartbeat, cancellationToken) is { } repeated)
        {
            throw new ApplicationFailureException(repeated, BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        var parts = (int)((rows + input.BatchSize - 1) / input.BatchSize);
        var indexPath = JobPaths.PlanIndex(input.OutputLocation);
        Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
        var entries = new byte[parts * sizeof(long)];
        for (var part = 0; part < parts; part++)
        {
            BitConverter.TryWriteBytes(entries.AsSpan(part * sizeof(long)), (long)part * input.BatchSize);
        }

        // Parquet rows have no lines: the lines file holds "unknown" for every part.
        await File.WriteAllBytesAsync(JobPaths.PlanLines(input.OutputLocation) + ".tmp", new byte[parts * sizeof(long)], cancellationToken);
        await File.WriteAllBytesAsync(indexPath + ".tmp", entries, cancellationToken);
        File.Move(JobPaths.PlanLines(input.OutputLocation) + ".tmp", JobPaths.PlanLines(input.OutputLocation), overwrite: true);
        File.Move(indexPath + ".tmp", indexPath, overwrite: true);
        return new BatchPlan(rows, parts, input.BatchSize, indexPath);
    }

    private static async Task<string?> RepeatedIdsAsync(BatchInputSpec spec, Action heartbeat, CancellationToken cancellationToken)
    {
        var duplicates = new DuplicateRowIds();
        await foreach (var row in ReadIdsAsync(spec, heartbeat, cancellationToken))
        {
            duplicates.Add(row.RowId);
        }

        if (!duplicates.HasSuspects)
        {
            return null;
        }

        // Second pass: only ids whose hash met another are compared as text.
        var seen = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        await foreach (var row in ReadIdsAsync(spec, heartbeat, cancellationToken))
        {
            if (row.RowId is { } id && duplicates.IsSuspect(id))
            {
                (seen.TryGetValue(id, out var at) ? at : seen[id] = []).Add(row.Index);
            }
        }

        var repeated = seen.Where(e => e.Value.Count > 1).OrderBy(e => e.Value[1]).ToList();
        if (repeated.Count == 0)
        {
            return null;
        }

        var named = repeated.Take(DuplicateRowIds.Reported).Select(e =>
            string.Create(CultureInfo.InvariantCulture, $"'{e.Key}' in rows {string.Join(", ", e.Value.Take(DuplicateRowIds.Reported))}"));
        var more = repeated.Count > DuplicateRowIds.Reported ? $" and {repeated.Count - DuplicateRowIds.Reported} more" : string.Empty;
        return $"row ids repeat: {string.Join("; ", named)}{more}. Give every row its own id, or set input.allow_duplicate_row_ids to accept repeats";
    }

    private static async IAsyncEnumerable<InputRow> ReadIdsAsync(
        BatchInputSpec spec, Action heartbeat, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await ParquetInputReader.OpenAsync(spec.Path, spec.RowIdColumn, [spec.RowIdColumn], cancellationToken);
        await foreach (var row in reader.ReadAsync(cancellationToken: cancellationToken))
        {
            if (row.Index % 100_000 == 0)
            {
                heartbeat();
            }

            yield return row;
        }
    }
}
