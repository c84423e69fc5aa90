using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Processes one batch: reads its row range, runs rows with bounded concurrency, and writes their
/// records in row order to the attempt's work file, checkpointing (flush, then heartbeat) as it goes.
/// The work file becomes the part file by an atomic rename only when every row has its record, so a part
/// file is always whole and a retried attempt never duplicates a row.
/// </summary>
public sealed class PartProcessor(IRowModel model, IOptions<BatchOptions> options, ILogger<PartProcessor> logger)
{
    /// <summary>Processes the batch, resuming from <paramref name="checkpoint"/> when one is given.</summary>
    public async Task<BatchPartResult> ProcessAsync(
        BatchPartInput input,
        int attempt,
        PartCheckpoint? checkpoint,
        Action<PartCheckpoint> heartbeat,
        CancellationToken cancellationToken)
    {
        var partPath = JobPaths.PartFile(input.OutputLocation, input.PartIndex);
        if (File.Exists(partPath) && await SummarizeAsync(input, partPath, attempt, cancellationToken) is { } done)
        {
            // An earlier attempt finished the part but its completion never reached Temporal.
            return done;
        }

        Directory.CreateDirectory(JobPaths.PartsDirectory(input.OutputLocation));
        var template = PromptTemplate.TryParse(input.Task.PromptTemplate, out var parsed, out var templateError)
            ? parsed!
            : throw new ApplicationFailureException($"prompt template: {templateError}", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        var parser = CreateParser(input);
        var attemptPath = JobPaths.AttemptFile(input.OutputLocation, input.PartIndex, attempt);
        var state = await StartAttemptFileAsync(input, attemptPath, checkpoint, cancellationToken);
        if (state.RowsDone > 0)
        {
            BatchLog.PartResumed(logger, input.JobId, input.PartIndex, attempt, state.RowsDone, input.RowCount);
        }

        var resumedFrom = state.RowsDone;
        var allowance = new TokenAllowance(input.TokenAllowance, state.PromptTokens + state.CompletionTokens);
        if (state.BudgetExhausted)
        {
            allowance.TryReserve(long.MaxValue / 2);
        }

        var runner = new RowRunner(model, input.Task, template, options.Value);
        var concurrency = Math.Max(1, input.Task.RowConcurrency);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = Channel.CreateBounded<(Task<RowOutcome> Outcome, long NextOffset, long NextLine)>(concurrency * 4);
        // Not disposed: row tasks cut short by a failure may still release their slot afterwards.
        var slots = new SemaphoreSlim(concurrency);

        var producer = ProduceAsync(input, state, parser, runner, allowance, slots, pending.Writer, stop.Token);
        using var heartbeats = StartHeartbeats(() => state.Checkpoint, heartbeat, input.HeartbeatTimeout, stop.Token);
        try
        {
            await using (var output = new FileStream(attemptPath, FileMode.Open, FileAccess.Write, FileShare.Read, 64 * 1024))
            {
                output.Seek(state.Checkpoint.Bytes, SeekOrigin.Begin);
                await ConsumeAsync(input, state, output, pending.Reader, heartbeat, stop.Token);
                await producer;
                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(attemptPath, partPath, overwrite: true);
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            throw;
        }
        finally
        {
            await stop.CancelAsync();
        }

        DeleteAttemptFiles(input);
        var c = state.Checkpoint;
        return new BatchPartResult(input.PartIndex, input.RowCount, c.Succeeded, c.Failed, c.Skipped, c.PromptTokens,
            c.CompletionTokens, partPath, attempt, resumedFrom, c.BudgetExhausted || allowance.Exhausted);
    }

    /// <summary>Writes a failed record for every row of a batch that could not be processed.</summary>
    public async Task<BatchPartResult> WriteFailedAsync(WriteFailedPartInput failed, int attempt, CancellationToken cancellationToken)
    {
        var input = failed.Part;
        Directory.CreateDirectory(JobPaths.PartsDirectory(input.OutputLocation));
        var partPath = JobPaths.PartFile(input.OutputLocation, input.PartIndex);
        var attemptPath = JobPaths.AttemptFile(input.OutputLocation, input.PartIndex, 1000 + attempt);
        var parser = TryCreateParser(input);
        var error = $"batch failed: {failed.Error}";
        var buffer = new ArrayBufferWriter<byte>();
        await using (var output = new FileStream(attemptPath, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024))
        {
            var offset = ReadPlanEntry(input.PlanIndexPath, input.PartIndex);
            var firstLine = ReadPlanEntry(JobPaths.PlanLines(input.OutputLocation), input.PartIndex);
            using var reader = offset is null ? null : new InputRecordReader(input.Input.Path, input.Input.Format, offset.Value, firstLine ?? 1);
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

                buffer.ResetWrittenCount();
                OutputRecord.Write(RowOutcome.Failed(index, line, rowId, 0, new RowError(RowError.BatchFailed, error, Line: line)), buffer);
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
            }
        }

        File.Move(attemptPath, partPath, overwrite: true);
        DeleteAttemptFiles(input);
        return new BatchPartResult(input.PartIndex, input.RowCount, 0, input.RowCount, 0, 0, 0, partPath, attempt, 0, false);
    }

    private static async Task ProduceAsync(
        BatchPartInput input,
        AttemptState state,
        InputRowParser parser,
        RowRunner runner,
        TokenAllowance allowance,
        SemaphoreSlim slots,
        ChannelWriter<(Task<RowOutcome>, long, long)> pending,
        CancellationToken cancellationToken)
    {
        try
        {
            var linesKnown = state.Checkpoint.NextLine > 0;
            using var reader = new InputRecordReader(
                input.Input.Path, input.Input.Format, state.Checkpoint.InputOffset, linesKnown ? state.Checkpoint.NextLine : 1);
            for (var i = state.RowsDone; i < input.RowCount; i++)
            {
                if (!reader.TryRead(out _, out var text))
                {
                    throw new ApplicationFailureException(
                        $"input ended at row {input.FirstRow + i}, before the planned {input.FirstRow + input.RowCount}; was it changed?",
                        BatchPartWorkflow.InputInvalidError,
                        nonRetryable: true);
                }

                var row = parser.Parse(input.FirstRow + i, linesKnown ? reader.Line : null, text);
                await slots.WaitAsync(cancellationToken);
                var outcome = RunAndReleaseAsync(runner, row, allowance, slots, cancellationToken);
                await pending.WriteAsync((outcome, reader.Position, linesKnown ? reader.NextLine : 0), cancellationToken);
            }

            pending.Complete();
        }
        catch (Exception e)
        {
            pending.Complete(e);
            throw;
        }
    }

    private static async Task<RowOutcome> RunAndReleaseAsync(
        RowRunner runner, InputRow row, TokenAllowance allowance, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(row, allowance, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task ConsumeAsync(
        BatchPartInput input,
        AttemptState state,
        FileStream output,
        ChannelReader<(Task<RowOutcome> Outcome, long NextOffset, long NextLine)> pending,
        Action<PartCheckpoint> heartbeat,
        CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var c = state.Checkpoint;
        var (succeeded, failed, skipped, prompt, completion, rows) =
            (c.Succeeded, c.Failed, c.Skipped, c.PromptTokens, c.CompletionTokens, c.RowsDone);
        var budgetExhausted = c.BudgetExhausted;
        var sinceCheckpoint = Stopwatch.StartNew();
        await foreach (var (outcomeTask, nextOffset, nextLine) in pending.ReadAllAsync(cancellationToken))
        {
            var outcome = await outcomeTask;
            buffer.ResetWrittenCount();
            OutputRecord.Write(outcome, buffer);
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
            rows++;
            prompt += outcome.PromptTokens;
            completion += outcome.CompletionTokens;
            switch (outcome.Status)
            {
                case RowStatus.Succeeded:
                    succeeded++;
                    break;
                case RowStatus.Failed:
                    failed++;
                    break;
                default:
                    skipped++;
                    budgetExhausted = true;
                    break;
            }

            if (sinceCheckpoint.Elapsed >= options.Value.CheckpointInterval || rows == input.RowCount)
            {
                // Flush first: a checkpoint must never name bytes that are not in the file.
                await output.FlushAsync(cancellationToken);
                state.Checkpoint = new PartCheckpoint(output.Name, output.Position, rows, nextOffset, succeeded, failed,
                    skipped, prompt, completion, budgetExhausted, nextLine);
                heartbeat(state.Checkpoint);
                sinceCheckpoint.Restart();
            }
        }

        if (rows != input.RowCount)
        {
            throw new InvalidOperationException($"batch {input.PartIndex} wrote {rows} of {input.RowCount} rows");
        }
    }

    private static Timer StartHeartbeats(
        Func<PartCheckpoint> current, Action<PartCheckpoint> heartbeat, TimeSpan heartbeatTimeout, CancellationToken cancellationToken)
    {
        // Besides each checkpoint, a timer heartbeats: rows waiting out a long Retry-After must not look dead.
        var period = heartbeatTimeout / 4;
        return new Timer(
            _ =>
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    heartbeat(current());
                }
            },
            null,
            TimeSpan.Zero,
            period);
    }

    private static async Task<AttemptState> StartAttemptFileAsync(
        BatchPartInput input, string attemptPath, PartCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null && checkpoint.RowsDone > 0 && File.Exists(checkpoint.AttemptFile)
            && new FileInfo(checkpoint.AttemptFile).Length >= checkpoint.Bytes)
        {
            // Copy only the checkpointed prefix: rows written after the last heartbeat are done again.
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

            return new AttemptState { Checkpoint = checkpoint with { AttemptFile = attemptPath } };
        }

        await using (new FileStream(attemptPath, FileMode.Create, FileAccess.Write))
        {
        }

        var offset = ReadPlanEntry(input.PlanIndexPath, input.PartIndex)
            ?? throw new ApplicationFailureException($"plan index {input.PlanIndexPath} has no batch {input.PartIndex}", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        var firstLine = ReadPlanEntry(JobPaths.PlanLines(input.OutputLocation), input.PartIndex) ?? 0;
        return new AttemptState { Checkpoint = new PartCheckpoint(attemptPath, 0, 0, offset, 0, 0, 0, 0, 0, false, firstLine) };
    }

    private static async Task CopyPrefixAsync(Stream source, Stream target, long bytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
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

    private static long? ReadPlanEntry(string path, int part)
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

    private static InputRowParser CreateParser(BatchPartInput input)
    {
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

    private static InputRowParser? TryCreateParser(BatchPartInput input)
    {
        try
        {
            return CreateParser(input);
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

    private async Task<BatchPartResult?> SummarizeAsync(BatchPartInput input, string partPath, int attempt, CancellationToken cancellationToken)
    {
        long succeeded = 0, failed = 0, skipped = 0, prompt = 0, completion = 0;
        var rows = 0;
        foreach (var line in await File.ReadAllLinesAsync(partPath, cancellationToken))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var (_, status, p, c) = OutputRecord.ReadSummary(line);
            rows++;
            prompt += p;
            completion += c;
            _ = status switch
            {
                RowStatus.Succeeded => succeeded++,
                RowStatus.Failed => failed++,
                _ => skipped++,
            };
        }

        if (rows != input.RowCount)
        {
            BatchLog.PartFileIncomplete(logger, partPath, rows, input.RowCount);
            File.Delete(partPath);
            return null;
        }

        return new BatchPartResult(input.PartIndex, rows, succeeded, failed, skipped, prompt, completion, partPath, attempt, rows, skipped > 0);
    }

    private static void DeleteAttemptFiles(BatchPartInput input)
    {
        var part = Path.GetFileName(JobPaths.PartFile(input.OutputLocation, input.PartIndex));
        foreach (var file in Directory.EnumerateFiles(JobPaths.PartsDirectory(input.OutputLocation), part + ".attempt-*.tmp"))
        {
            File.Delete(file);
        }
    }

    private sealed class AttemptState
    {
        private PartCheckpoint _checkpoint = null!;

        public PartCheckpoint Checkpoint
        {
            get => Volatile.Read(ref _checkpoint);
            set => Volatile.Write(ref _checkpoint, value);
        }

        public int RowsDone => Checkpoint.RowsDone;

        public long PromptTokens => Checkpoint.PromptTokens;

        public long CompletionTokens => Checkpoint.CompletionTokens;

        public bool BudgetExhausted => Checkpoint.BudgetExhausted;
    }
}
