using System.Buffers;
using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Writes a failed record for every row of a batch whose workflow gave up, so the job still has one record per
/// row; each keeps its id and line where the input can still be read.
/// </summary>
public sealed class FailedPartWriter(ResultSinks? sinks = null)
{
    /// <summary>
    /// Added to this writer's activity attempt to name its work file, so it never shares a name with a work
    /// file of the batch's own attempts (which count from 1 and stop long before).
    /// </summary>
    private const int WorkFileAttemptOffset = 1000;

    public async Task<BatchPartResult> WriteAsync(WriteFailedPartInput failed, int attempt, CancellationToken cancellationToken)
    {
        var input = failed.Part;
        Directory.CreateDirectory(JobPaths.PartsDirectory(input.OutputLocation));
        var attemptPath = JobPaths.AttemptFile(input.OutputLocation, input.PartIndex, WorkFileAttemptOffset + attempt);
        var parser = TryCreateParser(input);
        var error = $"the batch failed: {failed.Error}";
        var buffer = new ArrayBufferWriter<byte>();
        await using (var output = new FileStream(attemptPath, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024))
        {
            var offset = PartFiles.ReadPlanEntry(input.PlanIndexPath, input.PartIndex);
            var firstLine = PartFiles.ReadPlanEntry(JobPaths.PlanLines(input.OutputLocation), input.PartIndex);
            var parquetIds = input.Input.Format == BatchInputFormat.Parquet ? await ParquetIdsAsync(input, cancellationToken) : null;
            using var reader = offset is null || parquetIds is not null ? null : new InputRecordReader(input.Input.Path, input.Input.Format, offset.Value, firstLine ?? 1);
            for (var i = 0; i < input.RowCount; i++)
            {
                var index = input.FirstRow + i;
                string? rowId = null;
                long? line = null;
                if (reader is not null && parser is not null && reader.TryRead(out _, out var text))
                {
                    line = firstLine is null ? null : reader.Line;
                    rowId = parser.Parse(index, line, text).RowId;
                }
                else if (parquetIds is not null && i < parquetIds.Count)
                {
                    rowId = parquetIds[i];
                }

                buffer.ResetWrittenCount();
                OutputRecord.Write(RowOutcome.Failed(index, line, rowId, 0, new RowError(RowError.BatchFailed, error, Line: line)), buffer);
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
            }
        }

        var partPath = await PartOutput.FinishAsync(input, attemptPath, sinks, cancellationToken);
        return new BatchPartResult(input.PartIndex, input.RowCount, 0, input.RowCount, 0, 0, 0, partPath, attempt, 0, false,
            [new RowErrorCount(RowError.BatchFailed, null, error, input.RowCount)]);
    }

    /// <summary>The part's row ids from a Parquet input, or null when it cannot be read (the rows then have no id).</summary>
    private static async Task<List<string?>?> ParquetIdsAsync(BatchPartInput input, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await ParquetInputReader.OpenAsync(input.Input.Path, input.Input.RowIdColumn, [input.Input.RowIdColumn], cancellationToken);
            var ids = new List<string?>(input.RowCount);
            await foreach (var row in reader.ReadAsync(input.FirstRow, input.RowCount, cancellationToken))
            {
                ids.Add(row.RowId);
            }

            return ids;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static InputRowParser? TryCreateParser(BatchPartInput input)
    {
        try
        {
            return PartFiles.CreateParser(input);
        }
        catch (ApplicationFailureException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
