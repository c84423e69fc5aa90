using System.Diagnostics.Metrics;
using Agentic.WorkerDefaults.Telemetry;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

public class DiagnosticsMetricMeterTests
{
    [Fact]
    public void CreateTags_AppendFrom_ParentTagsThenTheNewOnesOnEachMeasurement()
    {
        using var meter = new Meter($"Agentic.Tests.{Guid.NewGuid():N}");
        var adapter = new DiagnosticsMetricMeter(meter);
        var seen = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            seen.Add((value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        listener.Start();

        var parent = adapter.CreateTags(null, [new("namespace", "default")]);
        var child = adapter.CreateTags(parent, [new("task_queue", "q"), new("attempt", 2L)]);
        var counter = adapter.CreateCounter<long>("temporal_test_counter", null, null);
        counter.Add(3, child);
        counter.Add(1, parent);

        Assert.Equal(2, seen.Count);
        Assert.Equal(3, seen[0].Value);
        Assert.Equal(new Dictionary<string, object?> { ["namespace"] = "default", ["task_queue"] = "q", ["attempt"] = 2L }, seen[0].Tags);
        Assert.Equal(new Dictionary<string, object?> { ["namespace"] = "default" }, seen[1].Tags);
    }
}
