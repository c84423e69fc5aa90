using System.Diagnostics.Metrics;
using Temporalio.Runtime;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>A core counter recorded on a .NET counter.</summary>
internal sealed class DiagnosticsCounter<T>(Counter<T> instrument) : ICustomMetricCounter<T>
    where T : struct
{
    public void Add(T value, object tags) => instrument.Add(value, DiagnosticsMetricMeter.TagsOf(tags));
}
