using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agentic.EvalService.Datasets;

/// <summary>
/// Streams the cases of a dataset (JSONL, or CSV with a header) one record at a time. Fields: <c>id</c>
/// (else <c>row-N</c>), <c>input</c>, <c>output</c> (or <c>output_1</c>), <c>other_output</c> (or
/// <c>output_2</c>: pairwise), <c>expected</c>, <c>gold_label</c> (or <c>label</c>), <c>context</c>. Blank lines
/// are skipped. A malformed record becomes a case with an error; the ones after it are read as usual.
/// </summary>
public static class DatasetReader
{
    public static IEnumerable<EvalCase> Read(TextReader reader, DatasetFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        IReadOnlyList<string>? header = null;
        var index = 0;
        foreach (var (line, text) in Records(reader, format))
        {
            if (format == DatasetFileFormat.Csv && header is null)
            {
                header = CsvFields.Parse(text, out var headerError)
                    ?? throw new InvalidDataException($"line {line}: the CSV header is malformed: {headerError}");
                header = header.Select(h => h.Trim()).ToList();
                continue;
            }

            var fallbackId = $"row-{index + 1}";
            EvalCase item;
            try
            {
                var fields = format == DatasetFileFormat.Csv ? FromCsv(header!, text) : FromJson(text);
                item = ToCase(fields, index, fallbackId);
            }
            catch (Exception exception) when (exception is JsonException or FormatException)
            {
                item = new EvalCase(fallbackId, index, "", null, null, null, null, [], $"line {line}: {exception.Message}");
            }

            if (seen.TryGetValue(item.CaseId, out var first))
            {
                item = item with { CaseId = fallbackId, Error = $"line {line}: id '{item.CaseId}' repeats case {first + 1}" };
            }
            else
            {
                seen[item.CaseId] = index;
            }

            yield return item;
            index++;
        }
    }

    /// <summary>Number of cases (the CSV header excluded).</summary>
    public static int Count(TextReader reader, DatasetFileFormat format)
    {
        var records = Records(reader, format).Count();
        return format == DatasetFileFormat.Csv ? Math.Max(records - 1, 0) : records;
    }

    private static EvalCase ToCase(Dictionary<string, JsonElement?> fields, int index, string fallbackId)
    {
        var id = Text(fields, "id") is { Length: > 0 } given ? given : fallbackId;
        var input = Text(fields, "input") ?? throw new FormatException("input: missing");
        var context = fields.GetValueOrDefault("context") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
            : Text(fields, "context") is { Length: > 0 } one ? [one] : [];
        return new EvalCase(
            id, index, input,
            Text(fields, "output") ?? Text(fields, "output_1"),
            Text(fields, "other_output") ?? Text(fields, "output_2"),
            Text(fields, "expected"),
            Text(fields, "gold_label") ?? Text(fields, "label"),
            context);
    }

    private static string? Text(Dictionary<string, JsonElement?> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        return value.Value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.Value.GetRawText(),
            _ when name == "context" => null,
            _ => throw new FormatException($"{name}: expected a string, a number or a boolean, not {value.Value.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }

    private static Dictionary<string, JsonElement?> FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a case must be a JSON object");
        }

        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (JsonElement?)p.Value.Clone(), StringComparer.Ordinal);
    }

    private static Dictionary<string, JsonElement?> FromCsv(IReadOnlyList<string> header, string text)
    {
        var values = CsvFields.Parse(text, out var error) ?? throw new FormatException($"malformed CSV: {error}");
        if (values.Count != header.Count)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{values.Count} fields where the header has {header.Count}"));
        }

        var fields = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            fields[header[i]] = values[i].Length == 0 ? null : JsonSerializer.SerializeToElement(values[i]);
        }

        return fields;
    }

    /// <summary>Non-blank records with their first line number; a CSV record runs on while a quoted field is open.</summary>
    private static IEnumerable<(int Line, string Text)> Records(TextReader reader, DatasetFileFormat format)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var first = number;
            if (format == DatasetFileFormat.Csv && !Balanced(line))
            {
                var record = new StringBuilder(line);
                while (!Balanced(record.ToString()) && reader.ReadLine() is { } more)
                {
                    number++;
                    record.Append('\n').Append(more);
                }

                line = record.ToString();
            }

            yield return (first, line);
        }
    }

    private static bool Balanced(string text) => text.Count(c => c == '"') % 2 == 0;
}
