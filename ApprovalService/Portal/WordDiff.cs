namespace Agentic.ApprovalService.Portal;

/// <summary>A word-level diff (longest common subsequence): what a reviewer changed in the LLM's draft.</summary>
public static class WordDiff
{
    private const int MaxWords = 400;

    public static IReadOnlyList<DiffPart> Compute(string before, string after)
    {
        var a = Words(before);
        var b = Words(after);
        if (a.Length > MaxWords || b.Length > MaxWords)
        {
            // Long texts are shown as replaced rather than paying the quadratic table.
            return [new DiffPart(DiffKind.Removed, before), new DiffPart(DiffKind.Added, after)];
        }

        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var parts = new List<DiffPart>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Add(parts, DiffKind.Same, a[x]);
                (x, y) = (x + 1, y + 1);
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                Add(parts, DiffKind.Added, b[y++]);
            }
            else
            {
                Add(parts, DiffKind.Removed, a[x++]);
            }
        }

        return parts;
    }

    private static string[] Words(string text) =>
        (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static void Add(List<DiffPart> parts, DiffKind kind, string word)
    {
        if (parts.Count > 0 && parts[^1].Kind == kind)
        {
            parts[^1] = parts[^1] with { Text = parts[^1].Text + " " + word };
        }
        else
        {
            parts.Add(new DiffPart(kind, word));
        }
    }
}
