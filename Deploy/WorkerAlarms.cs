using Agentic.Telemetry;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.ECS;
using Constructs;

namespace Agentic.Deploy;

/// <summary>The five alarms every worker brings; each names its runbook section in docs/operations.md.</summary>
public static class WorkerAlarms
{
    public static IReadOnlyList<Alarm> Create(Construct scope, AgenticPlatform platform, FargateService service, TemporalWorkerServiceProps props)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(props);
        var name = props.Service;
        var queue = props.TaskQueue;
        var limits = props.Alarms;
        var minutes = limits.EvaluationMinutes;

        var running = new Metric(new MetricProps
        {
            Namespace = "ECS/ContainerInsights",
            MetricName = "RunningTaskCount",
            DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = platform.Cluster.ClusterName, ["ServiceName"] = service.ServiceName },
            Statistic = Stats.MINIMUM,
            Period = Duration.Minutes(1),
        });
        var failureRate = new MathExpression(new MathExpressionProps
        {
            Expression = "IF(total > 0, 100 * FILL(failed, 0) / total, 0)",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["failed"] = AgenticMetrics.Worker(TemporalMetricNames.ActivityExecutionFailed, name, queue, Stats.SUM, 5),
                ["total"] = AgenticMetrics.Worker(TemporalMetricNames.ActivityExecutionLatency, name, queue, Stats.SAMPLE_COUNT, 5),
            },
            Period = Duration.Minutes(5),
            Label = "Activity failure rate (%)",
        });

        Alarm[] alarms =
        [
            Alarm(scope, "WorkerDown", name, "worker-down", running, 1, ComparisonOperator.LESS_THAN_THRESHOLD, 3, TreatMissingData.BREACHING,
                $"No {name} task is running, so nothing polls task queue {queue}."),
            Alarm(scope, "WorkflowTaskScheduleToStart", name, "workflow-task-schedule-to-start",
                AgenticMetrics.Worker(TemporalMetricNames.WorkflowTaskScheduleToStartLatency, name, queue, Stats.AVERAGE),
                limits.WorkflowTaskScheduleToStart.TotalMilliseconds, ComparisonOperator.GREATER_THAN_THRESHOLD, minutes, TreatMissingData.NOT_BREACHING,
                $"Workflow tasks on {queue} wait over {limits.WorkflowTaskScheduleToStart.TotalSeconds} s for a worker."),
            Alarm(scope, "ActivityScheduleToStart", name, "activity-schedule-to-start",
                AgenticMetrics.Worker(TemporalMetricNames.ActivityScheduleToStartLatency, name, queue, Stats.AVERAGE),
                limits.ActivityScheduleToStart.TotalMilliseconds, ComparisonOperator.GREATER_THAN_THRESHOLD, minutes, TreatMissingData.NOT_BREACHING,
                $"Activities on {queue} wait over {limits.ActivityScheduleToStart.TotalSeconds} s for a worker slot."),
            Alarm(scope, "ActivityFailureRate", name, "activity-failure-rate", failureRate,
                limits.ActivityFailurePercent, ComparisonOperator.GREATER_THAN_THRESHOLD, 2, TreatMissingData.NOT_BREACHING,
                $"Over {limits.ActivityFailurePercent} % of {name}'s activity attempts fail."),
            Alarm(scope, "WorkflowTaskFailures", name, "workflow-task-failures",
                AgenticMetrics.Worker(TemporalMetricNames.WorkflowTaskExecutionFailed, name, queue, Stats.SUM, 5),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 2, TreatMissingData.NOT_BREACHING,
                $"{name}'s workflow tasks keep failing (non-determinism or a bug in workflow code): those workflows are stuck."),
            Alarm(scope, "Memory", name, "memory",
                service.MetricMemoryUtilization(new MetricOptions { Period = Duration.Minutes(1), Statistic = Stats.AVERAGE }),
                limits.MemoryPercent, ComparisonOperator.GREATER_THAN_THRESHOLD, minutes, TreatMissingData.NOT_BREACHING,
                $"{name}'s tasks use over {limits.MemoryPercent} % of their memory."),
        ];

        var action = new SnsAction(platform.AlarmTopic);
        foreach (var alarm in alarms)
        {
            alarm.AddAlarmAction(action);
            alarm.AddOkAction(action);
        }

        return alarms;
    }

    private static Alarm Alarm(
        Construct scope, string id, string service, string kind, IMetric metric, double threshold, ComparisonOperator comparison,
        int periods, TreatMissingData missing, string meaning) =>
        new(scope, id, new AlarmProps
        {
            AlarmName = $"{service}-{kind}",
            AlarmDescription = $"{meaning} Runbook: docs/operations.md#{kind}",
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = periods,
            DatapointsToAlarm = periods,
            TreatMissingData = missing,
        });
}
