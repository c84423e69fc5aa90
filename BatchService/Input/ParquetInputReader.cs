using System.Globalization;
using System.Runtime.CompilerServices;
using Agentic.BatchService.Output;
using Parquet;
using Parquet.Schema;

namespace Agentic.BatchService.Input;

/// <summary>
/// Reads a Parquet input as the same rows the CSV and JSONL readers produce, one row group in memory at a
/// time. Fields are keyed by dotted column path; a null cell is left out of the row, so a template that
/// names it fails that row as a missing field. Rows are numbered across row groups (0-based) and have no
/// line. A row group that cannot be decoded fails only its own rows, each with an error naming the group.
/// </summary>
public sealed class ParquetInputReader : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly string _rowIdColumn;
    private readonly IReadOnlyList<(string Path, DataField Field)> _columns;
    private readonly long[] _groupRows;

    private ParquetInputReader(Stream stream, ParquetReader reader, string rowIdColumn, IReadOnlyList<(string Path, DataField Field)> columns, long[] groupRows)
    {
        _stream = stream;
        _reader = reader;
        _rowIdColumn = rowIdColumn;
        _columns = columns;
        _groupRows = groupRows;
    }

    /// <summary>Dotted paths of the columns read, the row id column first unless the selection placed it.</summary>
    public IReadOnlyList<string> Columns => _columns.Select(c => c.Path).ToList();

    /// <summary>Rows in the file, from its footer (no row group is read to count them).</summary>
    public long RowCount => _groupRows.Sum();

    public int RowGroupCount => _groupRows.Length;

    /// <summary>
    /// Opens the file and resolves the columns; throws <see cref="InvalidDataException"/> when the file is not
    /// Parquet or lacks a named column (a job-level error: no row could be read).
    /// </summary>
    public static async Task<ParquetInputReader> OpenAsync(string path, string rowIdColumn, IReadOnlyList<string>? columns = null, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.RandomAccess);
        try
        {
            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidDataException($"'{Path.GetFileName(path)}' is not a readable Parquet file: {e.Message}", e);
            }

            try
            {
                var resolved = ParquetColumns.Resolve(reader.Schema, columns, rowIdColumn);
                var groupRows = reader.RowGroups.Select(g => g.RowCount).ToArray();
                return new ParquetInputReader(stream, reader, rowIdColumn, resolved, groupRows);
            }
            catch
            {
                await reader.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxRows"/> rows starting at row <paramref name="firstRow"/>; row groups
    /// wholly before it are skipped without being read, so a batch starts where it should.
    /// </summary>
    public async IAsyncEnumerable<InputRow> ReadAsync(long firstRow = 0, long maxRows = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var end = maxRows > long.MaxValue - firstRow ? long.MaxValue : firstRow + maxRows;
        long groupStart = 0;
        for (var g = 0; g < _groupRows.Length && groupStart < end; g++)
        {
            var rows = _groupRows[g];
            if (groupStart + rows <= firstRow)
            {
                groupStart += rows;
                continue;
            }

            var (values, error) = await ReadGroupAsync(g, checked((int)rows), cancellationToken);
            var from = Math.Max(firstRow - groupStart, 0);
            var to = Math.Min(end - groupStart, rows);
            for (var r = from; r < to; r++)
            {
                yield return MakeRow(groupStart + r, (int)r, values, error);
            }

            groupStart += rows;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private async Task<(string?[]?[] Values, RowError? Error)> ReadGroupAsync(int group, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[]?[_columns.Count];
        try
        {
            using var groupReader = _reader.OpenRowGroupReader(group);
            // The id column first: when a later column is broken, the group's failed rows still carry their ids.
            var order = Enumerable.Range(0, _columns.Count).OrderBy(i => _columns[i].Path == _rowIdColumn ? 0 : 1);
            foreach (var i in order)
            {
                try
                {
                    values[i] = await ParquetColumnText.ReadAsync(groupReader, _columns[i].Field, rows, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return (values, GroupError(group, $"column '{_columns[i].Path}'", e));
                }
            }

            return (values, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (values, GroupError(group, "its header", e));
        }
    }

    private static RowError GroupError(int group, string what, Exception e) => new(
        RowError.MalformedRow,
        string.Create(CultureInfo.InvariantCulture, $"Parquet row group {group} cannot be read ({what}): {e.Message}"));

    private InputRow MakeRow(long index, int r, string?[]?[] values, RowError? groupError)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null;
        for (var c = 0; c < _columns.Count; c++)
        {
            if (values[c]?[r] is { } value)
            {
                fields[_columns[c].Path] = value;
                if (_columns[c].Path == _rowIdColumn && !string.IsNullOrWhiteSpace(value))
                {
                    id = value;
                }
            }
        }

        if (groupError is not null)
        {
            return new InputRow(index, null, id, null, groupError);
        }

        if (id is null)
        {
            return new InputRow(index, null, null, fields, new RowError(
                RowError.MalformedRow,
                string.Create(CultureInfo.InvariantCulture, $"malformed row (row {index}): no row id (column '{_rowIdColumn}' is null or empty)")));
        }

        return new InputRow(index, null, id, fields, null);
    }
}
