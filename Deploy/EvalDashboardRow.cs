using Agentic.Telemetry;
using Amazon.CDK.AWS.CloudWatch;

namespace Agentic.Deploy;

/// <summary>The eval service's pattern metrics beside its worker row: live decisions, retractions, judge latency, pass rate.</summary>
public static class EvalDashboardRow
{
    public static IWidget[] Widgets(string service)
    {
        Metric M(string name, string statistic) => AgenticMetrics.Service(name, service, statistic);
        return
        [
            WorkerDashboardRow.Graph($"{service}: live decisions, retractions", [M(EvalMetricNames.LiveDecisions, Stats.SUM)], [M(EvalMetricNames.LiveRetractions, Stats.SUM)]),
            WorkerDashboardRow.Graph($"{service}: judge latency (ms)", [M(EvalMetricNames.JudgeDuration, "p50"), M(EvalMetricNames.JudgeDuration, "p99")]),
            WorkerDashboardRow.Graph($"{service}: offline pass rate, escalated cases", [M(EvalMetricNames.RunPassRate, Stats.AVERAGE)], [M(EvalMetricNames.CasesEscalated, Stats.SUM)]),
        ];
    }
}
