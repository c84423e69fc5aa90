using System.Diagnostics.Metrics;
using Temporalio.Runtime;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>A core gauge recorded on a .NET gauge.</summary>
internal sealed class DiagnosticsGauge<T>(Gauge<T> instrument) : ICustomMetricGauge<T>
    where T : struct
{
    public void Set(T value, object tags) => instrument.Record(value, DiagnosticsMetricMeter.TagsOf(tags));
}
