using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Telemetry;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Processes one batch: prepares the attempt's work file (<see cref="PartFiles"/>), runs the rows into it
/// (<see cref="RowPipeline"/>) and renames it to the part file only when every row has its record, so a part
/// file is always whole and a retried attempt never duplicates a row.
/// </summary>
public sealed class PartProcessor(
    IRowModel model, IOptions<BatchOptions> options, ILogger<PartProcessor> logger, BatchMetrics? metrics = null, ResultSinks? sinks = null)
{
    /// <summary>Processes the batch, resuming from <paramref name="checkpoint"/> when one is given.</summary>
    public async Task<BatchPartResult> ProcessAsync(
        BatchPartInput input,
        int attempt,
        PartCheckpoint? checkpoint,
        Action<PartCheckpoint> heartbeat,
        CancellationToken cancellationToken)
    {
        var partPath = input.OutputFormat == BatchOutputFormat.Parquet
            ? JobPaths.ParquetPartFile(input.OutputLocation, input.PartIndex)
            : JobPaths.PartFile(input.OutputLocation, input.PartIndex);
        if (File.Exists(partPath) && await SummarizeAsync(input, partPath, attempt, resumedFromRow: input.RowCount, cancellationToken) is { } done)
        {
            // An earlier attempt finished the part but its completion never reached Temporal.
            return done;
        }

        Directory.CreateDirectory(JobPaths.PartsDirectory(input.OutputLocation));
        var template = PromptTemplate.TryParse(input.Task.PromptTemplate, out var parsed, out var templateError)
            ? parsed!
            : throw new ApplicationFailureException($"prompt template: {templateError}", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        var parser = PartFiles.CreateParser(input);
        var attemptPath = JobPaths.AttemptFile(input.OutputLocation, input.PartIndex, attempt);
        var start = await PartFiles.StartAttemptAsync(input, attemptPath, checkpoint, cancellationToken);
        if (start.RowsDone > 0)
        {
            BatchLog.PartResumed(logger, input.JobId, input.PartIndex, attempt, start.RowsDone, input.RowCount);
        }

        var allowance = new TokenAllowance(input.TokenAllowance, start.PromptTokens + start.CompletionTokens);
        if (start.BudgetExhausted)
        {
            allowance.ExhaustNow();
        }

        var runner = new RowRunner(model, input.Task, template, options.Value, metrics);
        var pipeline = new RowPipeline(input, parser, runner, allowance, options.Value.CheckpointInterval, metrics);
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var end = await pipeline.RunAsync(start, heartbeat, cancellationToken);
        metrics?.PartFinished(input.Task.Model, end.RowsDone - start.RowsDone, elapsed.Elapsed);
        partPath = await PartOutput.FinishAsync(input, attemptPath, sinks, cancellationToken);

        var errors = end.Failed == 0 ? null : (await SummarizeAsync(input, partPath, attempt, start.RowsDone, cancellationToken))?.Errors;
        return new BatchPartResult(input.PartIndex, input.RowCount, end.Succeeded, end.Failed, end.Skipped, end.PromptTokens,
            end.CompletionTokens, partPath, attempt, start.RowsDone, end.BudgetExhausted || allowance.Exhausted, errors);
    }

    private Task<BatchPartResult?> SummarizeAsync(BatchPartInput input, string partPath, int attempt, long resumedFromRow, CancellationToken cancellationToken) =>
        PartFiles.SummarizeAsync(input, partPath, attempt, resumedFromRow,
            (path, rows) => BatchLog.PartFileIncomplete(logger, path, rows, input.RowCount), cancellationToken);
}
