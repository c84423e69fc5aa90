namespace Agentic.Telemetry;

/// <summary>The batch service's job metrics (meter <see cref="MeterNames.BatchService"/>; tag model, rows also status).</summary>
public static class BatchMetricNames
{
    public const string Rows = "batch_service.rows";
    public const string RowsRetried = "batch_service.rows.retried";
    public const string PromptTokens = "batch_service.tokens.prompt";
    public const string CompletionTokens = "batch_service.tokens.completion";
    public const string PartRowsPerSecond = "batch_service.part.rows_per_second";

    /// <summary>Every name above; a test checks the batch service publishes each.</summary>
    public static readonly IReadOnlyList<string> All = [Rows, RowsRetried, PromptTokens, CompletionTokens, PartRowsPerSecond];
}
