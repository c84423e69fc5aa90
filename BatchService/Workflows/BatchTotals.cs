namespace Agentic.BatchService.Workflows;

/// <summary>Counters summed over finished batches, and their most common row errors.</summary>
public record BatchTotals(
    long Succeeded,
    long Failed,
    long Skipped,
    long PromptTokens,
    long CompletionTokens,
    int PartsCompleted,
    IReadOnlyList<RowErrorCount>? Errors = null)
{
    public static BatchTotals Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public long TokensUsed => PromptTokens + CompletionTokens;

    public BatchTotals Add(BatchPartResult part) => new(
        Succeeded + part.Succeeded,
        Failed + part.Failed,
        Skipped + part.Skipped,
        PromptTokens + part.PromptTokens,
        CompletionTokens + part.CompletionTokens,
        PartsCompleted + 1,
        part.Errors is null or [] ? Errors : RowErrorCount.Merge(Errors, part.Errors));
}
