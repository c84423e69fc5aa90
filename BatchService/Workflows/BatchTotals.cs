namespace Agentic.BatchService.Workflows;

/// <summary>Counters summed over finished batches.</summary>
public record BatchTotals(
    long Succeeded,
    long Failed,
    long Skipped,
    long PromptTokens,
    long CompletionTokens,
    int PartsCompleted)
{
    public static BatchTotals Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public long TokensUsed => PromptTokens + CompletionTokens;

    public BatchTotals Add(BatchPartResult part) => new(
        Succeeded + part.Succeeded,
        Failed + part.Failed,
        Skipped + part.Skipped,
        PromptTokens + part.PromptTokens,
        CompletionTokens + part.CompletionTokens,
        PartsCompleted + 1);
}
