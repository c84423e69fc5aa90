using System.Text;

namespace Agentic.Deploy;

/// <summary>
/// Configuration of the OpenTelemetry collector sidecar (AWS Distro): the service sends OTLP to localhost, the
/// collector writes the listed metrics to CloudWatch as embedded-metric-format logs. Only the shared list's
/// names are kept, with the dimensions the alarms and the dashboard query; everything else is dropped, which
/// keeps CloudWatch's metric count (and bill) bounded. Traces go to X-Ray; log lines go to the console (JSON with
/// their scopes) and from there to CloudWatch Logs through the awslogs driver.
/// </summary>
public static class CollectorConfig
{
    public const string Image = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";
    public const string OtlpEndpoint = "http://localhost:4317";

    public static string Yaml(string metricsLogGroup)
    {
        var names = new StringBuilder();
        foreach (var name in MetricCatalog.All)
        {
            names.Append("          - \"^").Append(name.Replace(".", "\\\\.", StringComparison.Ordinal)).Append("$\"\n");
        }

        return $$"""
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:4317
            processors:
              batch:
                timeout: 60s
            exporters:
              awsemf:
                namespace: {{MetricCatalog.Namespace}}
                log_group_name: {{metricsLogGroup}}
                log_stream_name: "{TaskId}"
                resource_to_telemetry_conversion:
                  enabled: true
                dimension_rollup_option: NoDimensionRollup
                metric_declarations:
                  - dimensions: [["{{MetricCatalog.ServiceDimension}}", "{{MetricCatalog.TaskQueueDimension}}"], ["{{MetricCatalog.ServiceDimension}}"]]
                    metric_name_selectors:
            {{names}}
              awsxray:
                indexed_attributes: [temporalWorkflowID, temporalRunID]
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [batch]
                  exporters: [awsxray]
                metrics:
                  receivers: [otlp]
                  processors: [batch]
                  exporters: [awsemf]
            """;
    }
}
