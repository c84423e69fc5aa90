using System.Globalization;
using System.Text;
using System.Text.Json;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Input;

/// <summary>
/// Turns raw records into rows. A bad record becomes a row with an error (never an exception) that says
/// where, by physical line and column, and keeps the row's id whenever it can be read.
/// </summary>
public sealed class InputRowParser
{
    private readonly BatchInputFormat _format;
    private readonly string _rowIdColumn;
    private readonly IReadOnlyList<string>? _header;
    private readonly int _idColumnIndex;

    private InputRowParser(BatchInputFormat format, string rowIdColumn, IReadOnlyList<string>? header)
    {
        _format = format;
        _rowIdColumn = rowIdColumn;
        _header = header;
        _idColumnIndex = header is null ? -1 : IndexOf(header, rowIdColumn);
    }

    public static InputRowParser ForJsonl(string rowIdColumn) => new(BatchInputFormat.Jsonl, rowIdColumn, null);

    public static InputRowParser ForCsv(string rowIdColumn, IReadOnlyList<string> header) =>
        new(BatchInputFormat.Csv, rowIdColumn, header);

    /// <summary>Reads the CSV header (the first record) and checks it names the row id column.</summary>
    public static IReadOnlyList<string> ReadCsvHeader(string path, string rowIdColumn)
    {
        using var reader = new InputRecordReader(path, BatchInputFormat.Csv);
        if (!reader.TryRead(out _, out var text))
        {
            return [];
        }

        var header = CsvRecord.Parse(text, out var error)
            ?? throw new InvalidDataException($"CSV header (line {reader.Line}) is malformed: {error}");
        if (!header.Contains(rowIdColumn, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"CSV header has no column '{rowIdColumn}' (the row id column); it has {string.Join(", ", header.Select(h => $"'{h}'"))}");
        }

        return header;
    }

    /// <summary>Parses a record at row <paramref name="index"/> that starts on physical <paramref name="line"/>.</summary>
    public InputRow Parse(long index, long? line, string record) =>
        _format == BatchInputFormat.Jsonl ? ParseJson(index, line, record) : ParseCsv(index, line, record);

    /// <summary>The record's row id where it can be read, without building the row (planning checks ids with it).</summary>
    public string? ReadId(string record)
    {
        if (_format == BatchInputFormat.Jsonl)
        {
            return ReadJsonId(Encoding.UTF8.GetBytes(record));
        }

        var values = CsvRecord.Parse(record, out _);
        return values is not null && _idColumnIndex < values.Count ? NonEmpty(values[_idColumnIndex]) : null;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? NonEmpty(string? id) => string.IsNullOrWhiteSpace(id) || id == "null" ? null : id;

    private InputRow ParseJson(long index, long? line, string record)
    {
        var bytes = Encoding.UTF8.GetBytes(record);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            var column = e.BytePositionInLine is { } position
                ? Encoding.UTF8.GetCharCount(bytes.AsSpan(0, (int)Math.Min(position, bytes.Length))) + 1
                : (int?)null;
            var at = line + (e.LineNumber ?? 0);
            return new InputRow(index, line, ReadJsonId(bytes), null,
                new RowError(RowError.MalformedRow, $"malformed JSON {Where(at, column)}: {PlainJsonError(e, bytes.Length)}", Line: at, Column: column));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new InputRow(index, line, null, null, new RowError(
                    RowError.MalformedRow, $"malformed row {Where(line, null)}: expected a JSON object, found {Describe(document.RootElement.ValueKind)}", Line: line));
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }

            return WithId(index, line, fields);
        }
    }

    private InputRow ParseCsv(long index, long? line, string record)
    {
        var values = CsvRecord.Parse(record, out var error, out var position);
        if (values is null)
        {
            var (at, column) = Locate(record, line, position);
            return new InputRow(index, line, null, null,
                new RowError(RowError.MalformedRow, $"malformed CSV {Where(at, column)}: {error}", Line: at, Column: column));
        }

        if (values.Count != _header!.Count)
        {
            var id = _idColumnIndex < values.Count ? NonEmpty(values[_idColumnIndex]) : null;
            return new InputRow(index, line, id, null, new RowError(
                RowError.MalformedRow,
                string.Create(CultureInfo.InvariantCulture, $"malformed CSV {Where(line, null)}: expected {_header.Count} columns (as in the header), found {values.Count}"),
                Line: line));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            fields[_header[i]] = values[i];
        }

        return WithId(index, line, fields);
    }

    private InputRow WithId(long index, long? line, Dictionary<string, string> fields)
    {
        if (!fields.TryGetValue(_rowIdColumn, out var id) || NonEmpty(id) is null)
        {
            return new InputRow(index, line, null, fields, new RowError(
                RowError.MalformedRow, $"malformed row {Where(line, null)}: no row id (field '{_rowIdColumn}' is missing or empty)", Line: line));
        }

        return new InputRow(index, line, id, fields, null);
    }

    /// <summary>The id of a JSON record read token by token, so a record broken after its id still names it.</summary>
    private string? ReadJsonId(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(_rowIdColumn))
                {
                    if (!reader.Read())
                    {
                        return null;
                    }

                    return reader.TokenType switch
                    {
                        JsonTokenType.String => NonEmpty(reader.GetString()),
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => null,
                    };
                }
            }
        }
        catch (JsonException)
        {
            // Broken before the id: there is none to read.
        }

        return null;
    }

    private static (long? Line, int? Column) Locate(string record, long? line, int position)
    {
        if (position < 0)
        {
            return (line, null);
        }

        var before = record.AsSpan(0, Math.Min(position, record.Length));
        var breaks = before.Count('\n');
        var lastBreak = before.LastIndexOf('\n');
        return (line + breaks, position - lastBreak);
    }

    private static string Where(long? line, int? column) => (line, column) switch
    {
        (null, _) => "(line unknown)",
        ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"at line {l}"),
        ({ } l, { } c) => string.Create(CultureInfo.InvariantCulture, $"at line {l}, column {c}"),
    };

    /// <summary>The parser's complaint without its internal position notation ("LineNumber: 0 | BytePositionInLine: 50").</summary>
    private static string PlainJsonError(JsonException e, int recordBytes)
    {
        if (e.BytePositionInLine >= recordBytes && (e.LineNumber ?? 0) == 0)
        {
            return "the line ends before the JSON object is complete";
        }

        var text = e.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:", " | " })
        {
            var cut = text.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                text = text[..cut];
            }
        }

        text = text.Trim().TrimEnd('.');
        return text.Length == 0 ? "not valid JSON" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "something else",
    };
}
