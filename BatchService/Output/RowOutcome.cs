namespace Agentic.BatchService.Output;

/// <summary>
/// What happened to one row; becomes exactly one output record. <see cref="RowId"/> is null only when the
/// row's id could not be read; <see cref="Line"/> is its physical line in the input (1-based), when known.
/// </summary>
public sealed record RowOutcome(
    long Index,
    long? Line,
    string? RowId,
    RowStatus Status,
    string? Text,
    string? Json,
    float[]? Embedding,
    long PromptTokens,
    long CompletionTokens,
    int Attempts,
    RowError? Error)
{
    public static RowOutcome Failed(long index, long? line, string? rowId, int attempts, RowError error, long promptTokens = 0, long completionTokens = 0) =>
        new(index, line, rowId, RowStatus.Failed, null, null, null, promptTokens, completionTokens, attempts, error);

    public static RowOutcome Skipped(long index, long? line, string? rowId, string reason) =>
        new(index, line, rowId, RowStatus.Skipped, null, null, null, 0, 0, 0, new RowError(RowError.BudgetExhausted, reason));
}
