using System.Globalization;
using System.Text;

namespace Agentic.ApprovalService.Git;

/// <summary>
/// Sets descriptions in a dbt property file (<c>models: - name / description / columns</c>) by editing lines, not by
/// re-serialising YAML: every line the edit does not concern stays byte-identical, comments and layout included.
/// A node or column the file lacks is appended; a description that exists (one line or a block) is replaced.
/// </summary>
public static class DbtYamlEditor
{
    public static string Apply(string original, IEnumerable<DescriptionEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(edits);
        var yaml = new YamlLines(original);
        foreach (var edit in edits)
        {
            Apply(yaml, edit);
        }

        return yaml.ToString();
    }

    /// <summary>A new property file holding only <paramref name="edits"/>.</summary>
    public static string Create(IEnumerable<DescriptionEdit> edits) => Apply("version: 2\n", edits);

    private static void Apply(YamlLines yaml, DescriptionEdit edit)
    {
        var (itemStart, itemEnd, keyIndent) = FindOrAddNode(yaml, edit);
        if (edit.Column is null)
        {
            SetDescription(yaml, itemStart, itemEnd, keyIndent, edit.Text);
            return;
        }

        var columns = yaml.FindKey(itemStart, itemEnd, keyIndent, "columns");
        if (columns < 0)
        {
            Insert(yaml, itemEnd, $"{Spaces(keyIndent)}columns:");
            columns = itemEnd;
            itemEnd++;
        }

        var (listFrom, listTo) = (columns + 1, yaml.BlockEnd(columns, keyIndent));
        var (columnStart, columnEnd, columnKeyIndent) = FindItem(yaml, listFrom, listTo, edit.Column);
        if (columnStart < 0)
        {
            var dashIndent = DashIndent(yaml, listFrom, listTo) ?? keyIndent + 2;
            Insert(yaml, listTo, $"{Spaces(dashIndent)}- name: {Scalar(edit.Column)}");
            Insert(yaml, listTo + 1, $"{Spaces(dashIndent + 2)}description: {Scalar(edit.Text)}");
            return;
        }

        SetDescription(yaml, columnStart, columnEnd, columnKeyIndent, edit.Text);
    }

    private static (int Start, int End, int KeyIndent) FindOrAddNode(YamlLines yaml, DescriptionEdit edit)
    {
        var section = yaml.FindKey(0, yaml.Lines.Count, 0, edit.Section);
        if (section < 0)
        {
            yaml.TerminateLastLine();
            Insert(yaml, yaml.Lines.Count, $"{edit.Section}:");
            section = yaml.Lines.Count - 1;
        }

        var (from, to) = (section + 1, yaml.BlockEnd(section, 0));
        if (edit.SourceName is { } sourceName)
        {
            // sources: - name: <source> / tables: - name: <table>
            var (sourceStart, sourceEnd, sourceKeyIndent) = FindItem(yaml, from, to, sourceName);
            if (sourceStart < 0)
            {
                var dash = DashIndent(yaml, from, to) ?? 2;
                Insert(yaml, to, $"{Spaces(dash)}- name: {Scalar(sourceName)}");
                Insert(yaml, to + 1, $"{Spaces(dash + 2)}tables:");
                (sourceStart, sourceEnd, sourceKeyIndent) = (to, to + 2, dash + 2);
            }

            var tables = yaml.FindKey(sourceStart, sourceEnd, sourceKeyIndent, "tables");
            if (tables < 0)
            {
                Insert(yaml, sourceEnd, $"{Spaces(sourceKeyIndent)}tables:");
                tables = sourceEnd;
            }

            (from, to) = (tables + 1, yaml.BlockEnd(tables, sourceKeyIndent));
        }

        var item = FindItem(yaml, from, to, edit.NodeName);
        if (item.Start >= 0)
        {
            return item;
        }

        var dashIndent = DashIndent(yaml, from, to) ?? (yaml.Indent(from - 1) + 2);
        Insert(yaml, to, $"{Spaces(dashIndent)}- name: {Scalar(edit.NodeName)}");
        return (to, to + 1, dashIndent + 2);
    }

    /// <summary>The list item named <paramref name="name"/> among the items in [from, to): its lines and the indent of its keys.</summary>
    private static (int Start, int End, int KeyIndent) FindItem(YamlLines yaml, int from, int to, string name)
    {
        if (DashIndent(yaml, from, to) is not { } dash)
        {
            return (-1, -1, -1);
        }

        for (var i = from; i < to; i++)
        {
            var content = YamlLines.Content(yaml.Lines[i]);
            if (yaml.Indent(i) != dash || !content[dash..].StartsWith("- ", StringComparison.Ordinal))
            {
                continue;
            }

            var keyIndent = content.Length - content[(dash + 1)..].TrimStart(' ').Length;
            var end = Math.Min(yaml.BlockEnd(i, dash), to);
            var nameLine = yaml.FindKey(i, end, keyIndent, "name");
            if (nameLine < 0 && yaml.FindKey(i, i + 1, dash, "name") == i)
            {
                nameLine = i;
            }

            if (nameLine >= 0 && string.Equals(Unquote(ValueOf(yaml.Lines[nameLine])), name, StringComparison.Ordinal))
            {
                return (i, end, keyIndent);
            }
        }

        return (-1, -1, -1);
    }

    private static void SetDescription(YamlLines yaml, int start, int end, int keyIndent, string text)
    {
        var line = $"{Spaces(keyIndent)}description: {Scalar(text)}";
        var existing = yaml.FindKey(start, end, keyIndent, "description");
        if (existing >= 0)
        {
            var prefix = YamlLines.Content(yaml.Lines[existing]);
            prefix = prefix[..(prefix.IndexOf("description:", StringComparison.Ordinal))];
            var valueEnd = yaml.BlockEnd(existing, keyIndent);
            yaml.Lines.RemoveRange(existing, valueEnd - existing);
            // "- description: ..." keeps its dash when the description was the item's first key.
            Insert(yaml, existing, prefix + $"description: {Scalar(text)}");
            return;
        }

        var name = yaml.FindKey(start, end, keyIndent, "name");
        if (name < 0 && yaml.FindKey(start, start + 1, keyIndent - 2, "name") == start)
        {
            name = start;
        }

        var after = name < 0 ? start + 1 : yaml.BlockEnd(name, keyIndent);
        Insert(yaml, Math.Min(after, end), line);
    }

    private static int? DashIndent(YamlLines yaml, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var indent = yaml.Indent(i);
            if (indent >= 0)
            {
                return YamlLines.Content(yaml.Lines[i])[indent..].StartsWith("- ", StringComparison.Ordinal) ? indent : null;
            }
        }

        return null;
    }

    private static void Insert(YamlLines yaml, int index, string content)
    {
        if (index > 0 && index == yaml.Lines.Count)
        {
            yaml.TerminateLastLine();
        }

        yaml.Lines.Insert(index, content + yaml.NewLine);
    }

    private static string ValueOf(string line)
    {
        var content = YamlLines.Content(line);
        var colon = content.IndexOf(':', StringComparison.Ordinal);
        var value = content[(colon + 1)..].Trim();
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 && !value.StartsWith('"') && !value.StartsWith('\'') ? value[..comment].TrimEnd() : value;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static string Spaces(int count) => new(' ', Math.Max(0, count));

    /// <summary>A YAML double-quoted scalar: safe for any text (colons, hashes, quotes, line breaks).</summary>
    public static string Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
