using System.Diagnostics.Metrics;
using Agentic.BatchService.Output;

namespace Agentic.BatchService.Telemetry;

/// <summary>
/// Job metrics of the batch service (meter <see cref="MeterName"/>): rows done by status, rows retried, tokens,
/// and each batch attempt's rows per second. Tagged with the model and, for rows, the status or retry reason.
/// </summary>
public sealed class BatchMetrics
{
    public const string MeterName = "Agentic.BatchService";

    /// <summary>Rows recorded; tag <c>status</c> (succeeded, failed, skipped) and <c>model</c>.</summary>
    public const string Rows = "batch_service.rows";

    /// <summary>Calls made again for a row; tag <c>reason</c> (the failure kind, e.g. LlmRateLimited) and <c>model</c>.</summary>
    public const string RowsRetried = "batch_service.rows.retried";

    /// <summary>Prompt tokens the gateway reported; tag <c>model</c>.</summary>
    public const string PromptTokens = "batch_service.tokens.prompt";

    /// <summary>Completion tokens the gateway reported; tag <c>model</c>.</summary>
    public const string CompletionTokens = "batch_service.tokens.completion";

    /// <summary>Rows per second of each finished batch attempt; tag <c>model</c>.</summary>
    public const string PartRowsPerSecond = "batch_service.part.rows_per_second";

    private readonly Counter<long> _rows;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _promptTokens;
    private readonly Counter<long> _completionTokens;
    private readonly Histogram<double> _rowsPerSecond;

    public BatchMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _rows = meter.CreateCounter<long>(Rows, "{row}", "Rows recorded, by status");
        _retried = meter.CreateCounter<long>(RowsRetried, "{call}", "Row calls made again after a retryable error or a rate limit");
        _promptTokens = meter.CreateCounter<long>(PromptTokens, "{token}", "Prompt tokens spent");
        _completionTokens = meter.CreateCounter<long>(CompletionTokens, "{token}", "Completion tokens spent");
        _rowsPerSecond = meter.CreateHistogram<double>(PartRowsPerSecond, "{row}/s", "Throughput of each finished batch attempt");
    }

    public void RowRecorded(string model, RowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var modelTag = new KeyValuePair<string, object?>("model", model);
        _rows.Add(1, modelTag, new KeyValuePair<string, object?>("status", OutputRecord.StatusName(outcome.Status)));
        if (outcome.PromptTokens > 0)
        {
            _promptTokens.Add(outcome.PromptTokens, modelTag);
        }

        if (outcome.CompletionTokens > 0)
        {
            _completionTokens.Add(outcome.CompletionTokens, modelTag);
        }
    }

    public void RowRetried(string model, string reason) =>
        _retried.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", reason));

    public void PartFinished(string model, long rows, TimeSpan elapsed)
    {
        if (rows > 0 && elapsed > TimeSpan.Zero)
        {
            _rowsPerSecond.Record(rows / elapsed.TotalSeconds, new KeyValuePair<string, object?>("model", model));
        }
    }
}
