namespace Agentic.Deploy.Tests;

public class CollectorConfigTests
{
    [Fact]
    public void Yaml_SharedList_EveryMetricSelectedWithTheDashboardsDimensions()
    {
        var yaml = CollectorConfig.Yaml("/agentic/metrics");

        Assert.All(MetricCatalog.All, name => Assert.Contains($"\"^{name.Replace(".", "\\\\.", StringComparison.Ordinal)}$\"", yaml, StringComparison.Ordinal));
        Assert.Contains("namespace: Agentic", yaml, StringComparison.Ordinal);
        Assert.Contains("[[\"service.name\", \"task_queue\"], [\"service.name\"]]", yaml, StringComparison.Ordinal);
        Assert.Contains("endpoint: 127.0.0.1:4317", yaml, StringComparison.Ordinal);
    }
}
