namespace Agentic.BatchService.Workflows;

/// <summary>
/// What to do with each row. <see cref="OutputAttempts"/> bounds the answers a structured row may get before it
/// fails with the schema's errors (1 in jobs started before structured output, which never read it).
/// </summary>
public record BatchTaskSpec(
    BatchTaskKind Kind,
    string Model,
    string PromptTemplate,
    string? SystemPrompt,
    string? JsonSchema,
    int? MaxTokens,
    double? Temperature,
    int? Seed,
    int RowRetryLimit,
    int RowConcurrency,
    int OutputAttempts = 1);
