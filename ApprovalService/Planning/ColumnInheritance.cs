using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Planning;

/// <summary>
/// The dbt-osmosis rule: a blank column takes the description of the nearest upstream column with the same
/// name, when that column is described and its meaning passes unchanged (the same type where both are known).
/// Ancestors are searched breadth first, so a direct parent wins over a grandparent.
/// </summary>
public static class ColumnInheritance
{
    public static IReadOnlyList<InheritedDescription> For(DbtNode node, DbtManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(manifest);
        var inherited = new List<InheritedDescription>();
        foreach (var column in node.Columns.Where(column => column.IsBlank))
        {
            if (Find(node, column, manifest) is { } found)
            {
                inherited.Add(found);
            }
        }

        return inherited;
    }

    private static InheritedDescription? Find(DbtNode node, DbtColumn column, DbtManifest manifest)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { node.UniqueId };
        var queue = new Queue<string>(node.Parents);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || !manifest.Nodes.TryGetValue(id, out var ancestor))
            {
                continue;
            }

            var match = ancestor.Columns.FirstOrDefault(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (match is not null && !match.IsBlank && SameType(match, column))
            {
                return new InheritedDescription(column.Name, match.Description.Trim(), $"{ancestor.UniqueId}.{match.Name}");
            }

            foreach (var parent in ancestor.Parents)
            {
                queue.Enqueue(parent);
            }
        }

        return null;
    }

    private static bool SameType(DbtColumn upstream, DbtColumn column) =>
        upstream.DataType is null || column.DataType is null
        || string.Equals(upstream.DataType, column.DataType, StringComparison.OrdinalIgnoreCase);
}
