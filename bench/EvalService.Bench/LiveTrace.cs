using System.Collections.Concurrent;
using System.Diagnostics;

namespace Agentic.EvalService.Bench;

/// <summary>
/// Records the spans that the service, the Temporal interceptors, the worker and the gateway write anyway (one
/// trace per turn, begun by the bench's own span around each call), so the live benchmark can say where each
/// turn's time went. Listening costs a copy of each finished span.
/// </summary>
internal sealed class LiveTrace : IDisposable
{
    private const string SourceName = "Agentic.EvalService.Bench";

    // Before the source below: creating it asks the listeners, which read this set.
    private static readonly HashSet<string> Sources =
        [SourceName, "Microsoft.AspNetCore", "System.Net.Http", "Temporalio.Client", "Temporalio.Workflow", "Temporalio.Activity"];

    public static readonly ActivitySource Source = new(SourceName);

    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentBag<SpanRecord>> _traces = new();

    public LiveTrace()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans of one turn's trace, or none when its trace was not recorded.</summary>
    public IReadOnlyList<SpanRecord> Spans(ActivityTraceId trace) =>
        _traces.TryGetValue(trace, out var spans) ? [.. spans] : [];

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        var record = new SpanRecord(
            activity.Source.Name,
            activity.DisplayName,
            activity.SpanId,
            activity.ParentSpanId,
            activity.StartTimeUtc,
            activity.StartTimeUtc + activity.Duration,
            [.. activity.Events.Select(e => (e.Name, e.Timestamp.UtcDateTime))]);
        _traces.GetOrAdd(activity.TraceId, _ => []).Add(record);
    }
}
