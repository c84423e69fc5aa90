using Agentic.Telemetry;

namespace Agentic.Deploy;

/// <summary>Where the shared metric names land in CloudWatch: one namespace, dimensions from the OTel attributes.</summary>
public static class MetricCatalog
{
    public const string Namespace = "Agentic";
    public const string ServiceDimension = "service.name";
    public const string TaskQueueDimension = "task_queue";

    /// <summary>Every metric the collector forwards (and so every metric a widget or alarm may name).</summary>
    public static IReadOnlyList<string> All { get; } = [.. TemporalMetricNames.All, .. GatewayMetricNames.All, .. GenAiMetricNames.All, .. BatchMetricNames.All, .. EvalMetricNames.All, .. ApprovalMetricNames.All];
}
