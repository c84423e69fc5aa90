using System.Buffers;
using System.Text.Json;

namespace Agentic.BatchService.Output;

/// <summary>
/// The JSONL output record:
/// <c>{"row_id","row","line","status","output":{"text"|"json"|"embedding"},"usage":{"prompt_tokens","completion_tokens"},"attempts","error":{"kind","status","message","line","column"}}</c>.
/// Text is written as UTF-8 as it is (only what JSON requires is escaped), so <c>grep 東京</c> finds it.
/// </summary>
public static class OutputRecord
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = false };

    /// <summary>Appends the record and its newline to <paramref name="buffer"/>.</summary>
    public static void Write(RowOutcome outcome, ArrayBufferWriter<byte> buffer)
    {
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (outcome.RowId is null)
            {
                writer.WriteNull("row_id");
            }
            else
            {
                PlainJsonString.Write(writer, "row_id", outcome.RowId);
            }

            writer.WriteNumber("row", outcome.Index);
            if (outcome.Line is { } line)
            {
                writer.WriteNumber("line", line);
            }

            writer.WriteString("status", StatusName(outcome.Status));
            if (outcome.Text is not null || outcome.Json is not null || outcome.Embedding is not null)
            {
                writer.WriteStartObject("output");
                if (outcome.Json is not null)
                {
                    writer.WritePropertyName("json");
                    writer.WriteRawValue(outcome.Json);
                }
                else if (outcome.Embedding is not null)
                {
                    writer.WriteStartArray("embedding");
                    foreach (var value in outcome.Embedding)
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    PlainJsonString.Write(writer, "text", outcome.Text!);
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("output");
            }

            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", outcome.PromptTokens);
            writer.WriteNumber("completion_tokens", outcome.CompletionTokens);
            writer.WriteEndObject();
            writer.WriteNumber("attempts", outcome.Attempts);
            if (outcome.Error is null)
            {
                writer.WriteNull("error");
            }
            else
            {
                WriteError(writer, outcome.Error);
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    public static string StatusName(RowStatus status) => status switch
    {
        RowStatus.Succeeded => "succeeded",
        RowStatus.Failed => "failed",
        _ => "skipped",
    };

    private static void WriteError(Utf8JsonWriter writer, RowError error)
    {
        writer.WriteStartObject("error");
        writer.WriteString("kind", error.Kind);
        if (error.HttpStatus is { } status)
        {
            writer.WriteNumber("status", status);
        }

        PlainJsonString.Write(writer, "message", error.Message);
        if (error.Line is { } line)
        {
            writer.WriteNumber("line", line);
        }

        if (error.Column is { } column)
        {
            writer.WriteNumber("column", column);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads back the parts of a record the summaries need.</summary>
    public static RecordSummary ReadSummary(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var status = root.GetProperty("status").GetString() switch
        {
            "succeeded" => RowStatus.Succeeded,
            "failed" => RowStatus.Failed,
            _ => RowStatus.Skipped,
        };
        var usage = root.GetProperty("usage");
        RowError? error = null;
        if (status == RowStatus.Failed && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            error = new RowError(
                e.GetProperty("kind").GetString()!,
                e.GetProperty("message").GetString()!,
                e.TryGetProperty("status", out var code) ? code.GetInt32() : null);
        }

        return new RecordSummary(root.GetProperty("row").GetInt64(), status,
            usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64(), error);
    }
}
