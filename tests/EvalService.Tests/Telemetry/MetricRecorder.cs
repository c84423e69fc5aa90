using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.Telemetry;

namespace Agentic.EvalService.Tests.Telemetry;

/// <summary>Collects every measurement on the eval service's meter while it lives, with its tags.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterNames.EvalService)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<RecordedMeasurement> Measurements { get; } = new();

    /// <summary>Measurements of one instrument whose tags include every given pair.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string name, params (string Key, string Value)[] tags) =>
        Measurements.Where(m => m.Name == name && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString() ?? "";
        }

        Measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }
}
