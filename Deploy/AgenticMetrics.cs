using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

namespace Agentic.Deploy;

/// <summary>CloudWatch views of the shared metric names, as the collector writes them.</summary>
public static class AgenticMetrics
{
    public static Metric Worker(string name, string service, string taskQueue, string statistic, int periodMinutes = 1) =>
        Of(name, statistic, periodMinutes, new Dictionary<string, string>
        {
            [MetricCatalog.ServiceDimension] = service,
            [MetricCatalog.TaskQueueDimension] = taskQueue,
        });

    public static Metric Service(string name, string service, string statistic, int periodMinutes = 1) =>
        Of(name, statistic, periodMinutes, new Dictionary<string, string> { [MetricCatalog.ServiceDimension] = service });

    private static Metric Of(string name, string statistic, int periodMinutes, Dictionary<string, string> dimensions)
    {
        if (!MetricCatalog.All.Contains(name))
        {
            throw new ArgumentException($"{name} is not in the shared metric list (Agentic.Telemetry), so no service emits it.", nameof(name));
        }

        return new Metric(new MetricProps
        {
            Namespace = MetricCatalog.Namespace,
            MetricName = name,
            DimensionsMap = dimensions,
            Statistic = statistic,
            Period = Duration.Minutes(periodMinutes),
        });
    }
}
