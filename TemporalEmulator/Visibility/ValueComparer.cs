using System.Globalization;

namespace Agentic.Emulator.Visibility;

/// <summary>Compares search attribute values the way list queries need: numbers as numbers, times as times, else text.</summary>
internal sealed class ValueComparer : IComparer<object?>
{
    public static ValueComparer Instance { get; } = new();

    public int Compare(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        if (ToDouble(x) is { } a && ToDouble(y) is { } b)
        {
            return a.CompareTo(b);
        }

        if (ToTime(x) is { } t1 && ToTime(y) is { } t2)
        {
            return t1.CompareTo(t2);
        }

        if (x is bool p && y is bool q)
        {
            return p.CompareTo(q);
        }

        return string.Compare(Convert.ToString(x, CultureInfo.InvariantCulture), Convert.ToString(y, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public new bool Equals(object? x, object? y)
    {
        if (x is TextValue text)
        {
            return text.Matches(Convert.ToString(y, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        if (x is List<object?> list)
        {
            return list.Any(item => Equals(item, y));
        }

        if (x is bool p && y is string s)
        {
            return bool.TryParse(s, out var q) && p == q;
        }

        return Compare(x, y) == 0;
    }

    private static double? ToDouble(object value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        _ => null,
    };

    private static DateTime? ToTime(object value) => value switch
    {
        DateTime time => time,
        string text when text.Length >= 10 && char.IsDigit(text[0]) && DateTime.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };
}
