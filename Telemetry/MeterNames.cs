namespace Agentic.Telemetry;

/// <summary>
/// Names of the <see cref="System.Diagnostics.Metrics.Meter"/>s the services create. ServiceDefaults exports
/// <c>Agentic.*</c> and <c>Temporalio.*</c>, so a meter named here reaches OTLP without further wiring.
/// </summary>
public static class MeterNames
{
    /// <summary>The Temporal SDK's own metrics (worker slots, polls, latencies, failures), bridged from its core.</summary>
    public const string Temporal = "Temporalio.Metrics";

    public const string LlmGateway = "Agentic.LlmGateway";

    public const string BatchService = "Agentic.BatchService";

    public const string EvalService = "Agentic.EvalService";

    public const string ApprovalService = "Agentic.ApprovalService";
}
