namespace Agentic.EvalService.Checks.Pii;

/// <summary>Previews that let a person see what kind of value was found without learning the value.</summary>
public static class Redaction
{
    /// <summary>Every letter and digit masked except the last <paramref name="keep"/> of them; separators kept.</summary>
    public static string KeepLast(string value, int keep)
    {
        ArgumentNullException.ThrowIfNull(value);
        var significant = value.Count(char.IsLetterOrDigit);
        var seen = 0;
        return string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (char.IsLetterOrDigit(c))
                {
                    seen++;
                    span[i] = seen > significant - keep ? c : '*';
                }
                else
                {
                    span[i] = c;
                }
            }
        });
    }

    /// <summary>"jane.doe@example.com" becomes "j***@e***.com".</summary>
    public static string Email(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var dot = value.LastIndexOf('.');
        return at <= 0 || dot <= at + 1
            ? "***"
            : $"{value[0]}***@{value[at + 1]}***{value[dot..]}";
    }

    /// <summary>A secret shows only its well-known prefix (if any) and its length.</summary>
    public static string Secret(string value, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"{value[..Math.Min(prefixLength, value.Length)]}… ({value.Length} chars)";
    }
}
