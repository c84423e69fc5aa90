namespace Agentic.BatchService.Workflows;

/// <summary>What one batch produced. <see cref="Attempt"/> is the activity attempt that finished it.</summary>
public record BatchPartResult(
    int PartIndex,
    int Rows,
    long Succeeded,
    long Failed,
    long Skipped,
    long PromptTokens,
    long CompletionTokens,
    string PartPath,
    int Attempt,
    long ResumedFromRow,
    bool BudgetExhausted,
    IReadOnlyList<RowErrorCount>? Errors = null);
