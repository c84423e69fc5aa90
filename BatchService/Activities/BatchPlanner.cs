using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Reads the input once, counts its rows and writes the byte offset of every batch's first row to the plan
/// index (eight little-endian bytes per batch), so each batch seeks straight to its range.
/// </summary>
public sealed class BatchPlanner
{
    public async Task<BatchPlan> PlanAsync(PlanBatchInput input, Action heartbeat, CancellationToken cancellationToken)
    {
        if (Directory.Exists(input.Input.Path))
        {
            throw new ApplicationFailureException($"input '{input.Input.Path}' is a directory, not a file", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        if (!File.Exists(input.Input.Path))
        {
            throw new ApplicationFailureException($"input '{input.Input.Path}' not found", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        try
        {
            // StartBatch claimed the folder already; a job started some other way claims it here.
            OutputFolderClaim.Claim(input.OutputLocation, input.JobId);
        }
        catch (OutputFolderTakenException e)
        {
            throw new ApplicationFailureException($"output location: {e.Message}", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        if (input.Input.Format == BatchInputFormat.Parquet)
        {
            return await ParquetPlanner.PlanAsync(input, heartbeat, cancellationToken);
        }

        InputRowParser parser;
        try
        {
            parser = input.Input.Format == BatchInputFormat.Csv
                ? InputRowParser.ForCsv(input.Input.RowIdColumn, InputRowParser.ReadCsvHeader(input.Input.Path, input.Input.RowIdColumn))
                : InputRowParser.ForJsonl(input.Input.RowIdColumn);
        }
        catch (InvalidDataException e)
        {
            throw new ApplicationFailureException(e.Message, BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        var duplicates = input.Input.AllowDuplicateRowIds ? null : new DuplicateRowIds();

        var indexPath = JobPaths.PlanIndex(input.OutputLocation);
        Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
        var temp = indexPath + ".tmp";
        var linesPath = JobPaths.PlanLines(input.OutputLocation);
        var linesTemp = linesPath + ".tmp";
        long rows = 0;
        var parts = 0;
        await using (var index = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        await using (var lines = new FileStream(linesTemp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var reader = new InputRecordReader(input.Input.Path, input.Input.Format))
        {
            var skipHeader = input.Input.Format == BatchInputFormat.Csv;
            var bytes = new byte[sizeof(long)];
            while (reader.TryRead(out var offset, out var text))
            {
                if (skipHeader)
                {
                    skipHeader = false;
                    continue;
                }

                if (rows % input.BatchSize == 0)
                {
                    BitConverter.TryWriteBytes(bytes, offset);
                    await index.WriteAsync(bytes, cancellationToken);
                    BitConverter.TryWriteBytes(bytes, reader.Line);
                    await lines.WriteAsync(bytes, cancellationToken);
                    parts++;
                }

                duplicates?.Add(parser.ReadId(text));
                rows++;
                if (rows % 100_000 == 0)
                {
                    heartbeat();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        if (duplicates?.Describe(input.Input, parser, cancellationToken) is { } repeated)
        {
            throw new ApplicationFailureException(repeated, BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        // Lines first: a part that finds the index finds its lines too.
        File.Move(linesTemp, linesPath, overwrite: true);
        File.Move(temp, indexPath, overwrite: true);
        return new BatchPlan(rows, parts, input.BatchSize, indexPath);
    }
}
