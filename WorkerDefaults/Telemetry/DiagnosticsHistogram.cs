using System.Diagnostics.Metrics;
using Temporalio.Runtime;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>A core histogram recorded on a .NET histogram.</summary>
internal sealed class DiagnosticsHistogram<T>(Histogram<T> instrument) : ICustomMetricHistogram<T>
    where T : struct
{
    public void Record(T value, object tags) => instrument.Record(value, DiagnosticsMetricMeter.TagsOf(tags));
}
