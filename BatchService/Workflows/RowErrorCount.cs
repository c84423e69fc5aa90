namespace Agentic.BatchService.Workflows;

/// <summary>How many rows failed with one kind of error (kind and HTTP status), with one of their messages.</summary>
public record RowErrorCount(string Kind, int? HttpStatus, string Example, long Rows)
{
    /// <summary>Most rows first; kind and status break ties, so the order is the same on every replay.</summary>
    public static IReadOnlyList<RowErrorCount> Merge(IEnumerable<RowErrorCount>? first, IEnumerable<RowErrorCount>? second, int keep = 10) =>
        (first ?? []).Concat(second ?? [])
            .GroupBy(e => (e.Kind, e.HttpStatus))
            .Select(g => new RowErrorCount(g.Key.Kind, g.Key.HttpStatus, g.First().Example, g.Sum(e => e.Rows)))
            .OrderByDescending(e => e.Rows)
            .ThenBy(e => e.Kind, StringComparer.Ordinal)
            .ThenBy(e => e.HttpStatus ?? 0)
            .Take(keep)
            .ToList();

    public string Describe() =>
        HttpStatus is { } status ? $"{Kind} (HTTP {status}) in {Rows} rows: {Example}" : $"{Kind} in {Rows} rows: {Example}";
}
