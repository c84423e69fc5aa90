using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Input;

/// <summary>
/// Reads one side of a shadow comparison record by record (CSV or JSONL, through the batch input parser), so
/// a bad record becomes a row with an error instead of stopping the read.
/// </summary>
public static class ShadowSideReader
{
    public static IEnumerable<ShadowRow> Read(ShadowSideSpec side, string? categoryColumn, string sideName)
    {
        ArgumentNullException.ThrowIfNull(side);
        InputRowParser parser;
        var skipHeader = false;
        if (side.Format == BatchInputFormat.Csv)
        {
            parser = InputRowParser.ForCsv(side.RowIdColumn, InputRowParser.ReadCsvHeader(side.Path, side.RowIdColumn));
            skipHeader = true;
        }
        else
        {
            parser = InputRowParser.ForJsonl(side.RowIdColumn);
        }

        return ReadRows(side, parser, skipHeader, categoryColumn, sideName);
    }

    private static IEnumerable<ShadowRow> ReadRows(ShadowSideSpec side, InputRowParser parser, bool skipHeader, string? categoryColumn, string sideName)
    {
        using var reader = new InputRecordReader(side.Path, side.Format);
        if (skipHeader && !reader.TryRead(out _, out _))
        {
            yield break;
        }

        long index = 0;
        while (reader.TryRead(out _, out var record))
        {
            var row = parser.Parse(index++, reader.Line, record);
            if (row.Error is { } error)
            {
                yield return new ShadowRow(reader.Line, row.RowId, null, null, $"{sideName}: {error.Message}");
                continue;
            }

            var fields = row.Fields!;
            string? category = null;
            if (categoryColumn is not null && fields.TryGetValue(categoryColumn, out var value))
            {
                category = value;
            }

            yield return fields.TryGetValue(side.TextColumn, out var text)
                ? new ShadowRow(reader.Line, row.RowId, text, category, null)
                : new ShadowRow(reader.Line, row.RowId, null, category, $"{sideName}: line {reader.Line} has no field '{side.TextColumn}' (the text column)");
        }
    }
}
