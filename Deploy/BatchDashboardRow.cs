using Agentic.Telemetry;
using Amazon.CDK.AWS.CloudWatch;

namespace Agentic.Deploy;

/// <summary>The batch service's job metrics beside its worker row: rows, retries, tokens, throughput.</summary>
public static class BatchDashboardRow
{
    public static IWidget[] Widgets(string service)
    {
        Metric M(string name, string statistic) => AgenticMetrics.Service(name, service, statistic);
        return
        [
            WorkerDashboardRow.Graph($"{service}: rows recorded, retried", [M(BatchMetricNames.Rows, Stats.SUM)], [M(BatchMetricNames.RowsRetried, Stats.SUM)]),
            WorkerDashboardRow.Graph($"{service}: tokens", [M(BatchMetricNames.PromptTokens, Stats.SUM), M(BatchMetricNames.CompletionTokens, Stats.SUM)]),
            WorkerDashboardRow.Graph($"{service}: rows/s per batch", [M(BatchMetricNames.PartRowsPerSecond, Stats.AVERAGE), M(BatchMetricNames.PartRowsPerSecond, Stats.MINIMUM)]),
        ];
    }
}
