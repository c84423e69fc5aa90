namespace Agentic.BatchService.Output;

/// <summary>What happened to one row; becomes exactly one output record.</summary>
public sealed record RowOutcome(
    long Index,
    string RowId,
    RowStatus Status,
    string? Text,
    string? Json,
    float[]? Embedding,
    long PromptTokens,
    long CompletionTokens,
    int Attempts,
    string? Error)
{
    public static RowOutcome Failed(long index, string rowId, int attempts, string error, long promptTokens = 0, long completionTokens = 0) =>
        new(index, rowId, RowStatus.Failed, null, null, null, promptTokens, completionTokens, attempts, error);

    public static RowOutcome Skipped(long index, string rowId, string reason) =>
        new(index, rowId, RowStatus.Skipped, null, null, null, 0, 0, 0, reason);
}
