namespace Agentic.ApprovalService.Git;

/// <summary>A YAML file as lines, each kept with its own line ending, so lines nobody edits are written back byte for byte.</summary>
internal sealed class YamlLines
{
    public YamlLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                Lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            Lines.Add(text[start..]);
        }

        NewLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    public List<string> Lines { get; } = [];

    /// <summary>The file's own line ending, used for inserted lines.</summary>
    public string NewLine { get; }

    public static string Content(string line) => line.TrimEnd('\r', '\n');

    /// <summary>Indentation of a line with content, or -1 for blank and comment-only lines.</summary>
    public int Indent(int index)
    {
        var content = Content(Lines[index]);
        var trimmed = content.TrimStart(' ');
        return trimmed.Length == 0 || trimmed.StartsWith('#') ? -1 : content.Length - trimmed.Length;
    }

    /// <summary>The end (exclusive) of the block that starts at <paramref name="start"/>: the next line indented at most <paramref name="indent"/>.</summary>
    public int BlockEnd(int start, int indent)
    {
        var end = start + 1;
        var last = start + 1;
        for (; end < Lines.Count; end++)
        {
            var lineIndent = Indent(end);
            if (lineIndent < 0)
            {
                continue;
            }

            if (lineIndent <= indent)
            {
                break;
            }

            last = end + 1;
        }

        // Trailing blank and comment lines belong to what follows.
        return Math.Min(last, Lines.Count);
    }

    /// <summary>The index of key <paramref name="key"/> at exactly <paramref name="indent"/> within [from, to), or -1.</summary>
    public int FindKey(int from, int to, int indent, string key)
    {
        for (var i = from; i < to; i++)
        {
            if (Indent(i) != indent)
            {
                continue;
            }

            var content = Content(Lines[i])[indent..];
            if (content.StartsWith("- ", StringComparison.Ordinal))
            {
                content = content[2..].TrimStart(' ');
            }

            if (content.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Ensures the last line ends with a line break before lines are added after it.</summary>
    public void TerminateLastLine()
    {
        if (Lines.Count > 0 && !Lines[^1].EndsWith('\n'))
        {
            Lines[^1] += NewLine;
        }
    }

    public override string ToString() => string.Concat(Lines);
}
