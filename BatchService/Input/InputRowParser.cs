using System.Globalization;
using System.Text.Json;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Input;

/// <summary>Turns raw records into rows. A bad record becomes a row with an error, never an exception.</summary>
public sealed class InputRowParser
{
    private readonly BatchInputFormat _format;
    private readonly string _rowIdColumn;
    private readonly IReadOnlyList<string>? _header;

    private InputRowParser(BatchInputFormat format, string rowIdColumn, IReadOnlyList<string>? header)
    {
        _format = format;
        _rowIdColumn = rowIdColumn;
        _header = header;
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
            ?? throw new InvalidDataException($"CSV header is malformed: {error}");
        if (!header.Contains(rowIdColumn, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"CSV header has no column '{rowIdColumn}' (the row id column)");
        }

        return header;
    }

    public InputRow Parse(long index, string record) =>
        _format == BatchInputFormat.Jsonl ? ParseJson(index, record) : ParseCsv(index, record);

    private InputRow ParseJson(long index, string record)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record);
        }
        catch (JsonException e)
        {
            return Failed(index, $"malformed JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Failed(index, $"malformed row: expected a JSON object, found {document.RootElement.ValueKind}");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }

            return WithId(index, fields);
        }
    }

    private InputRow ParseCsv(long index, string record)
    {
        var values = CsvRecord.Parse(record, out var error);
        if (values is null)
        {
            return Failed(index, $"malformed CSV: {error}");
        }

        if (values.Count != _header!.Count)
        {
            return Failed(index, string.Create(
                CultureInfo.InvariantCulture,
                $"malformed CSV: expected {_header.Count} columns, found {values.Count}"));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            fields[_header[i]] = values[i];
        }

        return WithId(index, fields);
    }

    private InputRow WithId(long index, Dictionary<string, string> fields)
    {
        if (!fields.TryGetValue(_rowIdColumn, out var id) || string.IsNullOrWhiteSpace(id) || id == "null")
        {
            return new InputRow(index, InputRow.FallbackId(index), fields, $"malformed row: missing row id '{_rowIdColumn}'");
        }

        return new InputRow(index, id, fields, null);
    }

    private static InputRow Failed(long index, string error) => new(index, InputRow.FallbackId(index), null, error);
}
