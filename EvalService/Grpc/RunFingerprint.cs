using System.Security.Cryptography;
using System.Text;
using Agentic.EvalService.Datasets;

namespace Agentic.EvalService.Grpc;

/// <summary>
/// A start request as field=digest pairs ("suite=1a2b…;dataset.location=…"), stored with the run: the same
/// run id asked again with a different request is refused naming the first field that differs.
/// </summary>
internal static class RunFingerprint
{
    public static string Of(string suite, int suiteVersion, DatasetSource dataset) => string.Join(';',
        Field("suite", suite),
        Field("suite_version", suiteVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Field("dataset.location", dataset.Location ?? ""),
        Field("dataset.content", dataset.Content ?? ""),
        Field("dataset.format", dataset.Format.ToString()),
        Field("dataset.model_under_test", dataset.ModelUnderTest ?? ""));

    /// <summary>The first field whose digest differs, or null when the two requests are the same.</summary>
    public static string? FirstDifference(string stored, string asked)
    {
        var before = stored.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.ElementAtOrDefault(1), StringComparer.Ordinal);
        foreach (var pair in asked.Split(';').Select(p => p.Split('=', 2)))
        {
            if (!before.TryGetValue(pair[0], out var digest) || digest != pair.ElementAtOrDefault(1))
            {
                return pair[0];
            }
        }

        return null;
    }

    private static string Field(string name, string value) =>
        $"{name}={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8))}";
}
