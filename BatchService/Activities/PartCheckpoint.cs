namespace Agentic.BatchService.Activities;

/// <summary>
/// Heartbeat details of a batch: the first <see cref="Bytes"/> bytes of <see cref="AttemptFile"/> hold the
/// records of the first <see cref="RowsDone"/> rows, and the next row starts at <see cref="InputOffset"/>.
/// A retried attempt copies that prefix and carries on from there. <see cref="NextLine"/> is the physical
/// line at <see cref="InputOffset"/> (0 when unknown: a checkpoint written before lines were counted).
/// </summary>
public record PartCheckpoint(
    string AttemptFile,
    long Bytes,
    int RowsDone,
    long InputOffset,
    long Succeeded,
    long Failed,
    long Skipped,
    long PromptTokens,
    long CompletionTokens,
    bool BudgetExhausted,
    long NextLine = PartCheckpoint.LineUnknown)
{
    /// <summary><see cref="NextLine"/> of a checkpoint that does not know its line.</summary>
    public const long LineUnknown = 0;

    /// <summary>The checkpoint of an attempt that starts the batch from its first row.</summary>
    public static PartCheckpoint Start(string attemptFile, long inputOffset, long firstLine) =>
        new(attemptFile, Bytes: 0, RowsDone: 0, inputOffset, Succeeded: 0, Failed: 0, Skipped: 0, PromptTokens: 0, CompletionTokens: 0,
            BudgetExhausted: false, firstLine);
}
