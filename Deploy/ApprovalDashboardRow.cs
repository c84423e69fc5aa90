using Agentic.Telemetry;
using Amazon.CDK.AWS.CloudWatch;

namespace Agentic.Deploy;

/// <summary>The approval service's pattern metrics: proposals waiting and for how long, decisions and the time people take.</summary>
public static class ApprovalDashboardRow
{
    public static IWidget[] Widgets(string service)
    {
        Metric M(string name, string statistic) => AgenticMetrics.Service(name, service, statistic);
        return
        [
            WorkerDashboardRow.Graph($"{service}: open proposals, oldest age (s)", [M(ApprovalMetricNames.ProposalsOpen, Stats.MAXIMUM)], [M(ApprovalMetricNames.OldestOpenAge, Stats.MAXIMUM)]),
            WorkerDashboardRow.Graph($"{service}: decisions, time to decision (s)", [M(ApprovalMetricNames.Decisions, Stats.SUM)], [M(ApprovalMetricNames.TimeToDecision, "p50"), M(ApprovalMetricNames.TimeToDecision, "p90")]),
        ];
    }
}
