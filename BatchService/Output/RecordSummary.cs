namespace Agentic.BatchService.Output;

/// <summary>What a part's summary needs from one output record; <see cref="Error"/> only for failed rows.</summary>
public sealed record RecordSummary(long Row, RowStatus Status, long PromptTokens, long CompletionTokens, RowError? Error);
