using System.Text.Json;

namespace Agentic.BatchService.Output;

/// <summary>Reads a whole JSONL output record back into its <see cref="RowOutcome"/> (for Parquet parts and sinks).</summary>
public static class OutputRecordParser
{
    public static RowOutcome Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var summary = OutputRecord.ReadSummary(line);
        string? text = null, json = null;
        float[]? embedding = null;
        if (root.GetProperty("output") is { ValueKind: JsonValueKind.Object } output)
        {
            text = output.TryGetProperty("text", out var t) ? t.GetString() : null;
            json = output.TryGetProperty("json", out var j) ? j.GetRawText() : null;
            embedding = output.TryGetProperty("embedding", out var e) ? e.EnumerateArray().Select(v => v.GetSingle()).ToArray() : null;
        }

        RowError? error = null;
        if (root.GetProperty("error") is { ValueKind: JsonValueKind.Object } problem)
        {
            error = new RowError(
                problem.GetProperty("kind").GetString()!,
                problem.GetProperty("message").GetString()!,
                problem.TryGetProperty("status", out var status) ? status.GetInt32() : null,
                problem.TryGetProperty("line", out var at) ? at.GetInt64() : null,
                problem.TryGetProperty("column", out var column) ? column.GetInt32() : null);
        }

        return new RowOutcome(
            summary.Row,
            root.TryGetProperty("line", out var line2) ? line2.GetInt64() : null,
            root.GetProperty("row_id").GetString(),
            summary.Status,
            text,
            json,
            embedding,
            summary.PromptTokens,
            summary.CompletionTokens,
            root.GetProperty("attempts").GetInt32(),
            error);
    }
}
