namespace Agentic.BatchService.Activities;

public record RowModelResult(string? Text, float[]? Embedding, long PromptTokens, long CompletionTokens);
