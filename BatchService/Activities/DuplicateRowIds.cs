using System.Globalization;
using Agentic.BatchService.Input;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Finds row ids that occur more than once. The first pass (during planning) remembers a hash per id; only
/// when two hashes meet does a second pass read the input again to name the real duplicates and their lines.
/// </summary>
public sealed class DuplicateRowIds
{
    /// <summary>Duplicates named in the error; the rest are counted.</summary>
    public const int Reported = 5;

    /// <summary>Hashes seen twice that the second pass checks; more are not needed to refuse the job.</summary>
    private const int MaxSuspects = 10_000;

    private readonly HashSet<ulong> _seen = [];
    private readonly HashSet<ulong> _suspects = [];

    public void Add(string? id)
    {
        if (id is not null && !_seen.Add(RowIdHash.Of(id)) && _suspects.Count < MaxSuspects)
        {
            _suspects.Add(RowIdHash.Of(id));
        }
    }

    public bool HasSuspects => _suspects.Count > 0;

    /// <summary>Whether <paramref name="id"/> may repeat (its hash was seen twice); a second pass confirms.</summary>
    public bool IsSuspect(string id) => _suspects.Contains(RowIdHash.Of(id));

    /// <summary>A sentence naming the first repeated ids and their lines, or null when every id is unique.</summary>
    public string? Describe(BatchInputSpec input, InputRowParser parser, CancellationToken cancellationToken)
    {
        if (_suspects.Count == 0)
        {
            return null;
        }

        var lines = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        using var reader = new InputRecordReader(input.Path, input.Format);
        var skipHeader = input.Format == BatchInputFormat.Csv;
        var checkedRows = 0L;
        while (reader.TryRead(out _, out var text))
        {
            if (skipHeader)
            {
                skipHeader = false;
                continue;
            }

            if (++checkedRows % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (parser.ReadId(text) is { } id && _suspects.Contains(RowIdHash.Of(id)))
            {
                if (!lines.TryGetValue(id, out var at))
                {
                    lines[id] = at = [];
                }

                at.Add(reader.Line);
            }
        }

        var repeated = lines.Where(entry => entry.Value.Count > 1).OrderBy(entry => entry.Value[1]).ToList();
        if (repeated.Count == 0)
        {
            return null;
        }

        var named = repeated.Take(Reported).Select(entry =>
            string.Create(CultureInfo.InvariantCulture, $"'{entry.Key}' on lines {string.Join(", ", entry.Value.Take(Reported))}"));
        var more = repeated.Count > Reported ? $" and {repeated.Count - Reported} more" : string.Empty;
        return $"row ids repeat: {string.Join("; ", named)}{more}. Give every row its own id, or set input.allow_duplicate_row_ids to accept repeats";
    }
}
