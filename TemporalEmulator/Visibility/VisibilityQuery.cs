namespace Agentic.Emulator.Visibility;

/// <summary>A parsed list query: which runs match and in what order.</summary>
internal sealed record VisibilityQuery(
    Func<VisibilityRecord, bool> Matches, IReadOnlyList<(string Field, bool Descending)> OrderBy, IReadOnlySet<string> Fields)
{
    public static VisibilityQuery All { get; } = new(_ => true, [], new HashSet<string>());

    public IEnumerable<VisibilityRecord> Apply(IEnumerable<VisibilityRecord> records)
    {
        var matching = records.Where(Matches);
        if (OrderBy.Count == 0)
        {
            return matching.OrderByDescending(r => r.Info.StartTime.ToDateTime()).ThenBy(r => r.Info.Execution.RunId, StringComparer.Ordinal);
        }

        IOrderedEnumerable<VisibilityRecord>? ordered = null;
        foreach (var (field, descending) in OrderBy)
        {
            Func<VisibilityRecord, object?> key = r => r.Get(field);
            ordered = ordered is null
                ? descending ? matching.OrderByDescending(key, ValueComparer.Instance) : matching.OrderBy(key, ValueComparer.Instance)
                : descending ? ordered.ThenByDescending(key, ValueComparer.Instance) : ordered.ThenBy(key, ValueComparer.Instance);
        }

        return ordered!;
    }
}
