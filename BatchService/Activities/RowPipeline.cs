using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Telemetry;
using Agentic.BatchService.Workflows;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// The rows of one attempt: a producer reads rows from the checkpoint on and starts them with bounded
/// concurrency; the consumer writes their records in row order to the work file and checkpoints (flush, then
/// heartbeat) every <c>checkpointInterval</c>. A timer heartbeats too, so rows waiting out a long Retry-After
/// never look dead.
/// </summary>
public sealed class RowPipeline(
    BatchPartInput input, InputRowParser? parser, RowRunner runner, TokenAllowance allowance, TimeSpan checkpointInterval, BatchMetrics? metrics = null)
{
    /// <summary>Rows read ahead per row in flight.</summary>
    private const int ReadAheadPerSlot = 4;

    /// <summary>Heartbeats per heartbeat timeout from the timer.</summary>
    private const int TimerHeartbeatsPerTimeout = 4;

    /// <summary>How long a failed attempt waits for its reader to stop before it rethrows.</summary>
    private static readonly TimeSpan ProducerStopWait = TimeSpan.FromSeconds(5);

    private PartCheckpoint _checkpoint = null!;

    /// <summary>The last checkpoint written (read by the heartbeat timer on another thread).</summary>
    public PartCheckpoint Checkpoint
    {
        get => Volatile.Read(ref _checkpoint);
        private set => Volatile.Write(ref _checkpoint, value);
    }

    /// <summary>Runs the rows after <paramref name="start"/> into the work file it names; returns the final checkpoint.</summary>
    public async Task<PartCheckpoint> RunAsync(PartCheckpoint start, Action<PartCheckpoint> heartbeat, CancellationToken cancellationToken)
    {
        Checkpoint = start;
        var concurrency = Math.Max(1, input.Task.RowConcurrency);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = Channel.CreateBounded<(Task<RowOutcome> Outcome, long NextOffset, long NextLine)>(concurrency * ReadAheadPerSlot);
        // Not disposed: row tasks cut short by a failure may still release their slot afterwards.
        var slots = new SemaphoreSlim(concurrency);
        var producer = ProduceAsync(start, slots, pending.Writer, stop.Token);
        using var heartbeats = StartHeartbeats(heartbeat, stop.Token);
        try
        {
            await using var output = new FileStream(start.AttemptFile, FileMode.Open, FileAccess.Write, FileShare.Read, 64 * 1024);
            output.Seek(start.Bytes, SeekOrigin.Begin);
            await ConsumeAsync(output, pending.Reader, heartbeat, stop.Token);
            await producer;
            await output.FlushAsync(cancellationToken);
            output.Flush(flushToDisk: true);
            return Checkpoint;
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer, Task.Delay(ProducerStopWait, CancellationToken.None));
            throw;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private async Task ProduceAsync(
        PartCheckpoint start, SemaphoreSlim slots, ChannelWriter<(Task<RowOutcome>, long, long)> pending, CancellationToken cancellationToken)
    {
        try
        {
            if (input.Input.Format == BatchInputFormat.Parquet)
            {
                await ProduceParquetAsync(start, slots, pending, cancellationToken);
                pending.Complete();
                return;
            }

            var linesKnown = start.NextLine != PartCheckpoint.LineUnknown;
            using var reader = new InputRecordReader(input.Input.Path, input.Input.Format, start.InputOffset, linesKnown ? start.NextLine : 1);
            for (var i = start.RowsDone; i < input.RowCount; i++)
            {
                if (!reader.TryRead(out _, out var text))
                {
                    throw new ApplicationFailureException(
                        $"input ended at row {input.FirstRow + i}, before the planned {input.FirstRow + input.RowCount}; was it changed?",
                        BatchPartWorkflow.InputInvalidError,
                        nonRetryable: true);
                }

                var row = parser!.Parse(input.FirstRow + i, linesKnown ? reader.Line : null, text);
                await slots.WaitAsync(cancellationToken);
                var outcome = RunAndReleaseAsync(row, slots, cancellationToken);
                await pending.WriteAsync((outcome, reader.Position, linesKnown ? reader.NextLine : PartCheckpoint.LineUnknown), cancellationToken);
            }

            pending.Complete();
        }
        catch (Exception e)
        {
            pending.Complete(e);
            throw;
        }
    }

    /// <summary>Parquet rows come parsed, by row number: a resumed attempt starts at the first row not done.</summary>
    private async Task ProduceParquetAsync(
        PartCheckpoint start, SemaphoreSlim slots, ChannelWriter<(Task<RowOutcome>, long, long)> pending, CancellationToken cancellationToken)
    {
        ParquetInputReader reader;
        try
        {
            reader = await ParquetInputReader.OpenAsync(input.Input.Path, input.Input.RowIdColumn, input.Input.Columns, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new ApplicationFailureException(e.Message, BatchPartWorkflow.InputInvalidError, nonRetryable: true);
        }

        await using (reader)
        {
            var next = input.FirstRow + start.RowsDone;
            var end = input.FirstRow + input.RowCount;
            await foreach (var row in reader.ReadAsync(next, end - next, cancellationToken))
            {
                await slots.WaitAsync(cancellationToken);
                var outcome = RunAndReleaseAsync(row, slots, cancellationToken);
                next = row.Index + 1;
                await pending.WriteAsync((outcome, next, PartCheckpoint.LineUnknown), cancellationToken);
            }

            if (next != end)
            {
                throw new ApplicationFailureException(
                    $"input ended at row {next}, before the planned {end}; was it changed?", BatchPartWorkflow.InputInvalidError, nonRetryable: true);
            }
        }
    }

    private async Task<RowOutcome> RunAndReleaseAsync(InputRow row, SemaphoreSlim slots, CancellationToken cancellationToken)
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
        FileStream output,
        ChannelReader<(Task<RowOutcome> Outcome, long NextOffset, long NextLine)> pending,
        Action<PartCheckpoint> heartbeat,
        CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var c = Checkpoint;
        var sinceCheckpoint = Stopwatch.StartNew();
        await foreach (var (outcomeTask, nextOffset, nextLine) in pending.ReadAllAsync(cancellationToken))
        {
            var outcome = await outcomeTask;
            buffer.ResetWrittenCount();
            OutputRecord.Write(outcome, buffer);
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
            metrics?.RowRecorded(input.Task.Model, outcome);
            c = c with
            {
                RowsDone = c.RowsDone + 1,
                InputOffset = nextOffset,
                NextLine = nextLine,
                PromptTokens = c.PromptTokens + outcome.PromptTokens,
                CompletionTokens = c.CompletionTokens + outcome.CompletionTokens,
                Succeeded = c.Succeeded + (outcome.Status == RowStatus.Succeeded ? 1 : 0),
                Failed = c.Failed + (outcome.Status == RowStatus.Failed ? 1 : 0),
                Skipped = c.Skipped + (outcome.Status == RowStatus.Skipped ? 1 : 0),
                BudgetExhausted = c.BudgetExhausted || outcome.Status == RowStatus.Skipped,
            };
            if (sinceCheckpoint.Elapsed >= checkpointInterval || c.RowsDone == input.RowCount)
            {
                // Flush first: a checkpoint must never name bytes that are not in the file.
                await output.FlushAsync(cancellationToken);
                Checkpoint = c with { Bytes = output.Position };
                heartbeat(Checkpoint);
                sinceCheckpoint.Restart();
            }
        }

        if (c.RowsDone != input.RowCount)
        {
            throw new InvalidOperationException($"batch {input.PartIndex} wrote {c.RowsDone} of {input.RowCount} rows");
        }
    }

    private Timer StartHeartbeats(Action<PartCheckpoint> heartbeat, CancellationToken cancellationToken) =>
        new(
            _ =>
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    heartbeat(Checkpoint);
                }
            },
            null,
            TimeSpan.Zero,
            input.HeartbeatTimeout / TimerHeartbeatsPerTimeout);
}
