namespace Agentic.BatchService.Workflows;

/// <summary>Progress of a job: the answer of the progress query and the job workflow's result.</summary>
public record BatchProgress(
    string JobId,
    BatchJobStatus Status,
    long RowsTotal,
    long Succeeded,
    long Failed,
    long Skipped,
    long PromptTokens,
    long CompletionTokens,
    int PartsTotal,
    int PartsCompleted,
    int PartsInFlight,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string OutputLocation,
    string? ManifestPath,
    string? Message,
    decimal? CostUsd = null,
    decimal? CostBudget = null);
