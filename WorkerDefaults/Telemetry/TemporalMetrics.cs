using System.Diagnostics.Metrics;
using Agentic.Telemetry;
using Temporalio.Runtime;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>
/// The process's Temporal runtime, whose core reports its worker and client metrics into the
/// <see cref="MeterNames.Temporal"/> meter. One per process: a runtime owns a thread pool in the core, and the
/// meter is process-wide like every <see cref="Meter"/>.
/// </summary>
public static class TemporalMetrics
{
    private static readonly Lazy<Meter> LazyMeter = new(() => new Meter(MeterNames.Temporal));

    private static readonly Lazy<TemporalRuntime> LazyRuntime = new(() => new TemporalRuntime(new TemporalRuntimeOptions
    {
        Telemetry = new TelemetryOptions
        {
            Metrics = new MetricsOptions
            {
                CustomMetricMeter = new DiagnosticsMetricMeter(LazyMeter.Value),
                CustomMetricMeterOptions = new CustomMetricMeterOptions
                {
                    HistogramDurationFormat = CustomMetricMeterOptions.DurationFormat.IntegerMilliseconds,
                },
            },
        },
    }));

    /// <summary>The meter the SDK's metrics are recorded on.</summary>
    public static Meter Meter => LazyMeter.Value;

    /// <summary>The runtime every connection made by WorkerDefaults uses.</summary>
    public static TemporalRuntime Runtime => LazyRuntime.Value;
}
