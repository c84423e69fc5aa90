using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Writes baseline and candidate inputs for shadow comparison tests.</summary>
public static class ShadowFiles
{
    public static string Answer(int i) => string.Create(CultureInfo.InvariantCulture, $"Answer {i}: the parcel ships in {(i % 7) + 1} days.");

    /// <summary>The same answer in other case and spacing: not a change once normalised.</summary>
    public static string Cosmetic(int i) => "  " + Answer(i).ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal) + "\t";

    public static string Changed(int i) => string.Create(CultureInfo.InvariantCulture, $"Answer {i}: we could not find this parcel; please contact support.");

    public static string WriteJsonl(string path, IEnumerable<(string Id, string Text, string Category)> rows)
    {
        var text = new StringBuilder();
        foreach (var (id, answer, category) in rows)
        {
            text.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = id, ["answer"] = answer, ["category"] = category })).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static string WriteCsv(string path, IEnumerable<(string Id, string Text, string Category)> rows)
    {
        var text = new StringBuilder("id,answer,category\n");
        foreach (var (id, answer, category) in rows)
        {
            text.Append(id).Append(",\"").Append(answer.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(category).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
