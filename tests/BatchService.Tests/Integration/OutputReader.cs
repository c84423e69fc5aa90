using System.Text.Json;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Reads a job's output directory back.</summary>
public static class OutputReader
{
    public static IReadOnlyList<string> PartFiles(string outputLocation)
    {
        var parts = Path.Combine(outputLocation, "parts");
        return Directory.Exists(parts) ? Directory.GetFiles(parts, "part-*.jsonl").Order(StringComparer.Ordinal).ToList() : [];
    }

    public static List<OutputRow> ReadAll(string outputLocation) => PartFiles(outputLocation).SelectMany(Read).ToList();

    public static IEnumerable<OutputRow> Read(string partFile) =>
        File.ReadAllLines(partFile).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var usage = root.GetProperty("usage");
            var error = root.GetProperty("error");
            return new OutputRow(
                root.GetProperty("row").GetInt64(),
                root.TryGetProperty("line", out var physical) ? physical.GetInt64() : null,
                root.GetProperty("row_id").GetString(),
                root.GetProperty("status").GetString()!,
                root.GetProperty("attempts").GetInt32(),
                usage.GetProperty("prompt_tokens").GetInt64(),
                usage.GetProperty("completion_tokens").GetInt64(),
                error.ValueKind == JsonValueKind.Null ? null : error.GetProperty("message").GetString(),
                error.ValueKind == JsonValueKind.Null ? null : error.GetProperty("kind").GetString(),
                error.ValueKind != JsonValueKind.Null && error.TryGetProperty("status", out var status) ? status.GetInt32() : null);
        }).ToList();

    public static JsonElement Manifest(string outputLocation)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputLocation, "manifest.json")));
        return document.RootElement.Clone();
    }
}

public sealed record OutputRow(
    long Row, long? Line, string? RowId, string Status, int Attempts, long PromptTokens, long CompletionTokens, string? Error, string? ErrorKind, int? ErrorStatus);
