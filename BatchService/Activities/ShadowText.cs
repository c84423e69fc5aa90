using System.Text;

namespace Agentic.BatchService.Activities;

/// <summary>The text measures of a shadow comparison that need no model.</summary>
public static class ShadowText
{
    private const char FullWidthFirst = '\uFF01';
    private const char FullWidthLast = '\uFF5E';
    private const int FullWidthOffset = 0xFEE0;

    /// <summary>
    /// Lower-cased, full-width forms folded to ASCII, whitespace runs collapsed to one space and trimmed: differences
    /// in case, width and spacing are not changes. (The service runs with invariant globalization, where Unicode
    /// compatibility normalisation is not available, so the full-width block is folded here.)
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var original in text)
        {
            var c = original is >= FullWidthFirst and <= FullWidthLast ? (char)(original - FullWidthOffset) : original;
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Cosine similarity of two vectors; 0 when either is all zeros or their lengths differ.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            normA += a[i] * (double)a[i];
            normB += b[i] * (double)b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }
}
