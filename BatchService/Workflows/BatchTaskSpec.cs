namespace Agentic.BatchService.Workflows;

/// <summary>What to do with each row.</summary>
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
    int RowConcurrency);
