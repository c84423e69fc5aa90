using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Agentic.EvalService.Suites;

/// <summary>
/// Reads one YAML mapping field by field, so every error names the field's path and line. Keys nobody
/// reads are reported by <see cref="RejectUnknown"/>: a misspelt option must not be silently ignored.
/// </summary>
public sealed class YamlFields(YamlMappingNode node, string path)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path => path;

    public long Line => node.Start.Line;

    public static YamlFields Of(YamlNode node, string path) => node is YamlMappingNode mapping
        ? new YamlFields(mapping, path)
        : throw new SuiteValidationException(path, node.Start.Line, "must be a mapping (key: value lines)");

    public string Field(string key) => path.Length == 0 ? key : path + "." + key;

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public long LineOf(string key) => Node(key)?.Start.Line ?? Line;

    public string? Text(string key)
    {
        var value = Node(key);
        return value switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw Invalid(key, value, "must be a single value"),
        };
    }

    public string RequiredString(string key)
    {
        var value = Text(key);
        return string.IsNullOrWhiteSpace(value)
            ? throw new SuiteValidationException(Field(key), LineOf(key), "is required")
            : value;
    }

    public int? WholeNumber(string key, int min, int max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SuiteValidationException(Field(key), LineOf(key), $"must be a whole number from {min} to {max}, not '{text}'");
    }

    public double? Number(string key, double min, double max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SuiteValidationException(Field(key), LineOf(key), $"must be a number from {min} to {max}, not '{text}'");
    }

    public bool? Flag(string key)
    {
        var text = Text(key);
        return text switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw new SuiteValidationException(Field(key), LineOf(key), $"must be true or false, not '{text}'"),
        };
    }

    /// <summary>A duration such as "800ms", "5s", "2m" (a bare number is milliseconds).</summary>
    public TimeSpan? Duration(string key)
    {
        var text = Text(key)?.Trim();
        if (text is null)
        {
            return null;
        }

        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ => (text, 1.0),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromMilliseconds(value * scale)
            : throw new SuiteValidationException(Field(key), LineOf(key), $"must be a positive duration such as 800ms or 5s, not '{text}'");
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var value = Node(key);
        return value switch
        {
            null => [],
            YamlSequenceNode sequence => sequence.Children.Select((item, i) => item is YamlScalarNode { Value: { } text }
                ? text
                : throw new SuiteValidationException($"{Field(key)}[{i}]", item.Start.Line, "must be a single value")).ToList(),
            YamlScalarNode { Value: { } single } => [single],
            _ => throw Invalid(key, value, "must be a list"),
        };
    }

    public IReadOnlyList<YamlFields> Mappings(string key)
    {
        var value = Node(key);
        return value switch
        {
            null => [],
            YamlSequenceNode sequence => sequence.Children.Select((item, i) => Of(item, $"{Field(key)}[{i}]")).ToList(),
            _ => throw Invalid(key, value, "must be a list"),
        };
    }

    public YamlFields? Mapping(string key) => Node(key) is { } value ? Of(value, Field(key)) : null;

    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, Enum
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        var names = System.Enum.GetNames<TEnum>();
        var match = names.FirstOrDefault(name => string.Equals(SnakeCase(name), text, StringComparison.Ordinal));
        return match is not null
            ? System.Enum.Parse<TEnum>(match)
            : throw new SuiteValidationException(Field(key), LineOf(key),
                $"must be one of {string.Join(", ", names.Select(SnakeCase))}, not '{text}'");
    }

    public void RejectUnknown()
    {
        foreach (var (key, value) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name))
            {
                throw new SuiteValidationException(Field(name), key.Start.Line, "is not a known field here");
            }
        }
    }

    public static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private SuiteValidationException Invalid(string key, YamlNode value, string problem) =>
        new(Field(key), value.Start.Line, problem);
}
