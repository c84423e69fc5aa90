using System.Globalization;
using System.Text;
using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Planning;

/// <summary>
/// Builds what the LLM sees of a node: its columns, its SQL and the descriptions of its parents and children,
/// within <c>maxChars</c>. When over, the largest part is cut first (it is the one that loses least by it) and
/// each cut is noted, so reviewers know the draft was written from partial context.
/// </summary>
public sealed class DraftContextBuilder(int maxChars)
{
    private const string Marker = "\n[... trimmed]";

    public DraftContext Build(DbtNode node, DbtManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(manifest);
        var parts = new List<ContextPart>
        {
            new("columns", Columns(node)),
            new("SQL", node.Sql ?? string.Empty),
            new("parents", Neighbours(node.Parents, manifest)),
            new("children", Neighbours(node.Children, manifest)),
        };
        return Fit($"{node.ResourceType} {node.Name} ({node.UniqueId})", parts);
    }

    /// <summary>Cuts <paramref name="parts"/> to the budget, largest first, and renders them.</summary>
    public DraftContext Fit(string heading, IReadOnlyList<ContextPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var texts = parts.Select(part => part.Text).ToArray();
        var notes = new List<string>();
        var overhead = heading.Length + parts.Sum(part => part.Name.Length + 8);
        var budget = Math.Max(0, maxChars - overhead);
        while (texts.Sum(text => text.Length) > budget)
        {
            var excess = texts.Sum(text => text.Length) - budget;
            var largest = Array.IndexOf(texts, texts.MaxBy(text => text.Length));
            var original = parts[largest].Text.Length;
            var keep = Math.Max(0, texts[largest].Length - excess - Marker.Length);
            // Never cut a part below the second largest: the next round then shares the cut between them.
            var second = texts.Where((_, index) => index != largest).DefaultIfEmpty(string.Empty).Max(text => text.Length);
            keep = Math.Max(keep, Math.Min(second, texts[largest].Length - Marker.Length - 1));
            if (keep <= 0)
            {
                texts[largest] = string.Empty;
            }
            else
            {
                texts[largest] = texts[largest][..keep] + Marker;
            }

            notes.RemoveAll(note => note.StartsWith(parts[largest].Name + " ", StringComparison.Ordinal));
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{parts[largest].Name} trimmed from {original:N0} to {texts[largest].Length:N0} characters to fit the {maxChars:N0}-character context"));
        }

        var text = new StringBuilder(heading).Append('\n');
        for (var i = 0; i < parts.Count; i++)
        {
            text.Append("\n## ").Append(parts[i].Name).Append('\n').Append(texts[i]).Append('\n');
        }

        return new DraftContext(text.ToString(), notes);
    }

    private static string Columns(DbtNode node) =>
        string.Join('\n', node.Columns.Select(column =>
            $"- {column.Name}{(column.DataType is null ? string.Empty : " (" + column.DataType + ")")}"
            + (column.IsBlank ? string.Empty : ": " + column.Description.Trim())));

    private static string Neighbours(IEnumerable<string> ids, DbtManifest manifest)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (!manifest.Nodes.TryGetValue(id, out var other))
            {
                continue;
            }

            text.Append("- ").Append(other.ResourceType).Append(' ').Append(other.Name)
                .Append(": ").Append(other.IsBlank ? "(no description)" : other.Description.Trim()).Append('\n');
            foreach (var column in other.Columns.Where(column => !column.IsBlank))
            {
                text.Append("  - ").Append(column.Name).Append(": ").Append(column.Description.Trim()).Append('\n');
            }
        }

        return text.ToString();
    }
}
