using System.Text.Json;
using Agentic.Telemetry;

namespace Agentic.Deploy.Tests;

[Collection(SynthesizedStackCollection.Name)]
public class WorkerDashboardRowTests(SynthesizedStack stack)
{
    [Fact]
    public void Dashboard_EveryWidget_NamesOnlyMetricsTheServicesEmit()
    {
        var metrics = DashboardMetrics();

        Assert.NotEmpty(metrics);
        Assert.All(metrics, metric =>
        {
            Assert.Equal(MetricCatalog.Namespace, metric.Namespace);
            Assert.Contains(metric.Name, MetricCatalog.All);
        });
        foreach (var service in new[] { "batch-service", "eval-service", "approval-service" })
        {
            var charted = metrics.Where(metric => metric.Service == service).Select(metric => metric.Name).ToHashSet();
            Assert.Contains(TemporalMetricNames.WorkflowCompleted, charted);
            Assert.Contains(TemporalMetricNames.ActivityScheduleToStartLatency, charted);
            Assert.Contains(TemporalMetricNames.WorkerTaskSlotsAvailable, charted);
            Assert.Contains(TemporalMetricNames.StickyCacheSize, charted);
            Assert.Contains(TemporalMetricNames.WorkflowTaskExecutionFailed, charted);
        }

        Assert.Superset(
            BatchMetricNames.All.ToHashSet(),
            metrics.Where(metric => metric.Service == "batch-service").Select(metric => metric.Name).ToHashSet());
        Assert.Equal(
            EvalMetricNames.All.Order(),
            metrics.Where(metric => metric.Service == "eval-service" && EvalMetricNames.All.Contains(metric.Name)).Select(metric => metric.Name).Distinct().Order());
        Assert.Equal(
            ApprovalMetricNames.All.Order(),
            metrics.Where(metric => metric.Service == "approval-service" && ApprovalMetricNames.All.Contains(metric.Name)).Select(metric => metric.Name).Distinct().Order());
        Assert.Equal(
            GatewayMetricNames.All.Concat(GenAiMetricNames.All).Order(),
            metrics.Where(metric => metric.Service == LlmGatewayService.Service).Select(metric => metric.Name).Distinct().Order());
    }

    [Fact]
    public void AgenticMetrics_NameOutsideTheSharedList_Refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => AgenticMetrics.Service("temporal_made_up_metric", "batch-service", "Sum"));

        Assert.Contains("temporal_made_up_metric", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>The dashboard body is a join of text and tokens (region); the tokens become placeholders so it parses.</summary>
    private List<(string Namespace, string Name, string Service)> DashboardMetrics()
    {
        var dashboard = Assert.Single(stack.Resources("AWS::CloudWatch::Dashboard")).Properties.GetProperty("DashboardBody");
        var body = dashboard.ValueKind == JsonValueKind.String
            ? dashboard.GetString()!
            : string.Concat(dashboard.GetProperty("Fn::Join")[1].EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : "TOKEN"));
        using var document = JsonDocument.Parse(body);
        var result = new List<(string, string, string)>();
        foreach (var widget in document.RootElement.GetProperty("widgets").EnumerateArray())
        {
            if (!widget.GetProperty("properties").TryGetProperty("metrics", out var rows))
            {
                continue;
            }

            foreach (var row in rows.EnumerateArray())
            {
                // [namespace, name, dim1, value1, dim2, value2, ..., {options}]
                var parts = row.EnumerateArray().Where(part => part.ValueKind == JsonValueKind.String).Select(part => part.GetString()!).ToList();
                var service = parts.IndexOf(MetricCatalog.ServiceDimension) is var at and >= 0 ? parts[at + 1] : string.Empty;
                result.Add((parts[0], parts[1], service));
            }
        }

        return result;
    }
}
