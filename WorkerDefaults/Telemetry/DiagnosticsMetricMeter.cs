using System.Diagnostics.Metrics;
using Temporalio.Runtime;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>
/// Hands the Temporal core's metrics to <see cref="System.Diagnostics.Metrics"/> under the SDK's own names, so
/// OpenTelemetry (and the Aspire dashboard) export them like any .NET meter. Tag sets are immutable arrays the
/// core creates once and passes back with each update.
/// </summary>
public sealed class DiagnosticsMetricMeter(Meter meter) : ICustomMetricMeter
{
    /// <summary>The core calls durations "duration" when it leaves the format to us; we ask for milliseconds.</summary>
    private const string CoreDurationUnit = "duration";

    public ICustomMetricCounter<T> CreateCounter<T>(string name, string? unit, string? description)
        where T : struct =>
        new DiagnosticsCounter<T>(meter.CreateCounter<T>(name, UnitOf(unit), description));

    public ICustomMetricHistogram<T> CreateHistogram<T>(string name, string? unit, string? description)
        where T : struct =>
        new DiagnosticsHistogram<T>(meter.CreateHistogram<T>(name, UnitOf(unit), description));

    public ICustomMetricGauge<T> CreateGauge<T>(string name, string? unit, string? description)
        where T : struct =>
        new DiagnosticsGauge<T>(meter.CreateGauge<T>(name, UnitOf(unit), description));

    public object CreateTags(object? appendFrom, IReadOnlyCollection<KeyValuePair<string, object>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var start = appendFrom as KeyValuePair<string, object?>[] ?? [];
        var result = new KeyValuePair<string, object?>[start.Length + tags.Count];
        start.CopyTo(result, 0);
        var index = start.Length;
        foreach (var tag in tags)
        {
            result[index++] = new KeyValuePair<string, object?>(tag.Key, tag.Value);
        }

        return result;
    }

    internal static ReadOnlySpan<KeyValuePair<string, object?>> TagsOf(object tags) =>
        tags as KeyValuePair<string, object?>[] ?? [];

    private static string? UnitOf(string? unit) => unit == CoreDurationUnit ? "ms" : unit;
}
