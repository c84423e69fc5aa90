using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// The files of one batch: the plan entries it starts from, the attempt's work file (started fresh, or from
/// the checkpointed prefix of an earlier attempt's), the finished part file's summary, and the clean-up.
/// </summary>
public static class PartFiles
{
    private const int CopyBufferBytes = 81920;

    /// <summary>Entry <paramref name="part"/> (eight little-endian bytes) of a plan file, or null when it has none.</summary>
    public static long? ReadPlanEntry(string path, int part)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var index = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (index.Length < (part + 1L) * sizeof(long))
        {
            return null;
        }

        index.Seek(part * (long)sizeof(long), SeekOrigin.Begin);
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        index.ReadExactly(bytes);
        return BitConverter.ToInt64(bytes);
    }

    /// <summary>
    /// Prepares the attempt's work file: a copy of the checkpointed prefix of the earlier attempt's file when
    /// the checkpoint is usable (rows written after the last heartbeat are done again), else an empty file
    /// positioned at the batch's first row.
    /// </summary>
    public static async Task<PartCheckpoint> StartAttemptAsync(
        BatchPartInput input, string attemptPath, PartCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null && checkpoint.RowsDone > 0 && File.Exists(checkpoint.AttemptFile)
            && new FileInfo(checkpoint.AttemptFile).Length >= checkpoint.Bytes)
        {
            if (checkpoint.AttemptFile != attemptPath)
            {
                await using var source = new FileStream(checkpoint.AttemptFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                await using var target = new FileStream(attemptPath, FileMode.Create, FileAccess.Write);
                await CopyPrefixAsync(source, target, checkpoint.Bytes, cancellationToken);
            }
            else
            {
                await using var target = new FileStream(attemptPath, FileMode.Open, FileAccess.Write);
                target.SetLength(checkpoint.Bytes);
            }

            return checkpoint with { AttemptFile = attemptPath };
        }

        await using (new FileStream(attemptPath, FileMode.Create, FileAccess.Write))
        {
        }

        var offset = ReadPlanEntry(input.PlanIndexPath, input.PartIndex)
            ?? throw new ApplicationFailureException($"plan index {input.PlanIndexPath} has no batch {input.PartIndex}", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        var firstLine = ReadPlanEntry(JobPaths.PlanLines(input.OutputLocation), input.PartIndex) ?? PartCheckpoint.LineUnknown;
        return PartCheckpoint.Start(attemptPath, offset, firstLine);
    }

    /// <summary>
    /// The result a whole part file stands for, read back from its records (with its most common errors), or
    /// null when the file is not whole (it is then deleted and the batch redone).
    /// </summary>
    public static async Task<BatchPartResult?> SummarizeAsync(
        BatchPartInput input, string partPath, int attempt, long resumedFromRow, Action<string, int>? incomplete, CancellationToken cancellationToken)
    {
        long succeeded = 0, failed = 0, skipped = 0, prompt = 0, completion = 0;
        var rows = 0;
        var errors = new Dictionary<(string Kind, int? Status), RowErrorCount>();
        var records = partPath.EndsWith(".parquet", StringComparison.Ordinal)
            ? await ParquetPartSummary.ReadAsync(partPath, cancellationToken)
            : (await File.ReadAllLinesAsync(partPath, cancellationToken)).Where(line => line.Length > 0).Select(OutputRecord.ReadSummary);
        foreach (var record in records)
        {
            rows++;
            prompt += record.PromptTokens;
            completion += record.CompletionTokens;
            _ = record.Status switch
            {
                RowStatus.Succeeded => succeeded++,
                RowStatus.Failed => failed++,
                _ => skipped++,
            };
            if (record.Error is { } error)
            {
                var key = (error.Kind, error.HttpStatus);
                errors[key] = errors.TryGetValue(key, out var seen)
                    ? seen with { Rows = seen.Rows + 1 }
                    : new RowErrorCount(error.Kind, error.HttpStatus, error.Message, 1);
            }
        }

        if (rows != input.RowCount)
        {
            incomplete?.Invoke(partPath, rows);
            File.Delete(partPath);
            return null;
        }

        return new BatchPartResult(input.PartIndex, rows, succeeded, failed, skipped, prompt, completion, partPath, attempt,
            resumedFromRow, skipped > 0, errors.Count == 0 ? null : RowErrorCount.Merge(errors.Values, null));
    }

    /// <summary>Deletes every attempt's work file of the batch once its part file is whole.</summary>
    public static void DeleteAttemptFiles(BatchPartInput input)
    {
        var part = Path.GetFileName(JobPaths.PartFile(input.OutputLocation, input.PartIndex));
        foreach (var file in Directory.EnumerateFiles(JobPaths.PartsDirectory(input.OutputLocation), part + ".attempt-*.tmp"))
        {
            File.Delete(file);
        }
    }

    /// <summary>The row parser for the batch's input; a header that went bad since planning fails the batch for good.</summary>
    public static InputRowParser? CreateParser(BatchPartInput input)
    {
        if (input.Input.Format == BatchInputFormat.Parquet)
        {
            // Parquet rows arrive parsed from ParquetInputReader.
            return null;
        }

        try
        {
            return input.Input.Format == BatchInputFormat.Csv
                ? InputRowParser.ForCsv(input.Input.RowIdColumn, InputRowParser.ReadCsvHeader(input.Input.Path, input.Input.RowIdColumn))
                : InputRowParser.ForJsonl(input.Input.RowIdColumn);
        }
        catch (InvalidDataException e)
        {
            throw new ApplicationFailureException(e.Message, BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }
    }

    private static async Task CopyPrefixAsync(Stream source, Stream target, long bytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferBytes];
        var left = bytes;
        while (left > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw new IOException("checkpointed work file is shorter than its checkpoint");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }
    }
}
