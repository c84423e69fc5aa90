using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Turns a whole attempt file (JSONL, every row's record) into the part's finished output: first the sink, if the
/// job names one (an upsert by job and row id, so doing it again after a crash changes nothing), then the part file
/// in the job's format. The part file comes last because its existence means "done": a crash before it redoes both.
/// </summary>
public static class PartOutput
{
    /// <summary>Finishes the part; returns the part file's path.</summary>
    public static async Task<string> FinishAsync(BatchPartInput input, string attemptPath, ResultSinks? sinks, CancellationToken cancellationToken)
    {
        IReadOnlyList<RowOutcome>? outcomes = null;
        if (input.ResultSink is { } sink)
        {
            outcomes = await ReadAsync(attemptPath, cancellationToken);
            await (sinks ?? throw new InvalidOperationException("this worker has no result sinks")).UpsertAsync(sink, input.JobId, outcomes, cancellationToken);
        }

        string partPath;
        if (input.OutputFormat == BatchOutputFormat.Parquet)
        {
            partPath = JobPaths.ParquetPartFile(input.OutputLocation, input.PartIndex);
            await ParquetPartWriter.WriteAsync(partPath, outcomes ?? await ReadAsync(attemptPath, cancellationToken), input.Task.Kind, cancellationToken);
            File.Delete(attemptPath);
        }
        else
        {
            partPath = JobPaths.PartFile(input.OutputLocation, input.PartIndex);
            File.Move(attemptPath, partPath, overwrite: true);
        }

        PartFiles.DeleteAttemptFiles(input);
        return partPath;
    }

    private static async Task<IReadOnlyList<RowOutcome>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var outcomes = new List<RowOutcome>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (line.Length > 0)
            {
                outcomes.Add(OutputRecordParser.Parse(line));
            }
        }

        return outcomes;
    }
}
