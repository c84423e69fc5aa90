using System.Text;

namespace Agentic.BatchService.Input;

/// <summary>
/// A prompt with <c>{{field}}</c> placeholders. Parsed once per job; rendering fails (for that row only)
/// when the row lacks a field the template names.
/// </summary>
public sealed class PromptTemplate
{
    private readonly List<(string Text, bool IsField)> _segments;

    private PromptTemplate(List<(string Text, bool IsField)> segments) => _segments = segments;

    /// <summary>Field names the template uses, in order of first use.</summary>
    public IReadOnlyList<string> Fields => _segments.Where(s => s.IsField).Select(s => s.Text).Distinct().ToList();

    public static bool TryParse(string template, out PromptTemplate? result, out string? error)
    {
        var segments = new List<(string Text, bool IsField)>();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add((template[i..], false));
                break;
            }

            if (open > i)
            {
                segments.Add((template[i..open], false));
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                result = null;
                error = $"unclosed '{{{{' at position {open}";
                return false;
            }

            var name = template[(open + 2)..close].Trim();
            if (name.Length == 0 || name.Contains("{{", StringComparison.Ordinal))
            {
                result = null;
                error = $"empty or nested placeholder at position {open}";
                return false;
            }

            segments.Add((name, true));
            i = close + 2;
        }

        result = new PromptTemplate(segments);
        error = null;
        return true;
    }

    public static PromptTemplate Parse(string template) =>
        TryParse(template, out var result, out var error) ? result! : throw new FormatException($"prompt template: {error}");

    /// <summary>Renders the prompt, or returns null with the missing field's name.</summary>
    public string? Render(IReadOnlyDictionary<string, string> fields, out string? missingField)
    {
        var text = new StringBuilder();
        foreach (var (segment, isField) in _segments)
        {
            if (!isField)
            {
                text.Append(segment);
                continue;
            }

            if (!fields.TryGetValue(segment, out var value))
            {
                missingField = segment;
                return null;
            }

            text.Append(value);
        }

        missingField = null;
        return text.ToString();
    }
}
