using Agentic.Telemetry;
using Amazon.CDK.AWS.CloudWatch;

namespace Agentic.Deploy;

/// <summary>A worker's row on the dashboard: throughput, waits, latency, failures, slots and cache.</summary>
public static class WorkerDashboardRow
{
    public static IWidget[] Widgets(string service, string taskQueue)
    {
        Metric M(string name, string statistic) => AgenticMetrics.Worker(name, service, taskQueue, statistic);

        return
        [
            new TextWidget(new TextWidgetProps { Markdown = $"## {service} (task queue `{taskQueue}`)", Width = 24, Height = 1 }),
            Graph($"{service}: workflows", [M(TemporalMetricNames.WorkflowCompleted, Stats.SUM), M(TemporalMetricNames.WorkflowFailed, Stats.SUM)]),
            Graph($"{service}: schedule-to-start (ms)", [M(TemporalMetricNames.WorkflowTaskScheduleToStartLatency, Stats.AVERAGE), M(TemporalMetricNames.ActivityScheduleToStartLatency, Stats.AVERAGE)]),
            Graph($"{service}: activities (ms, failures)", [M(TemporalMetricNames.ActivityExecutionLatency, Stats.AVERAGE)], [M(TemporalMetricNames.ActivityExecutionFailed, Stats.SUM)]),
            Graph($"{service}: workflow tasks (ms, failures)", [M(TemporalMetricNames.WorkflowTaskExecutionLatency, Stats.AVERAGE)], [M(TemporalMetricNames.WorkflowTaskExecutionFailed, Stats.SUM)]),
            Graph($"{service}: task slots", [M(TemporalMetricNames.WorkerTaskSlotsAvailable, Stats.MINIMUM), M(TemporalMetricNames.WorkerTaskSlotsUsed, Stats.MAXIMUM)]),
            Graph($"{service}: sticky cache", [M(TemporalMetricNames.StickyCacheSize, Stats.MAXIMUM)], [M(TemporalMetricNames.StickyCacheHit, Stats.SUM), M(TemporalMetricNames.StickyCacheMiss, Stats.SUM)]),
        ];
    }

    public static GraphWidget Graph(string title, IMetric[] left, IMetric[]? right = null) =>
        new(new GraphWidgetProps { Title = title, Left = left, Right = right ?? [], Width = 4, Height = 6 });
}
