using Agentic.AppHost.Tests.Otlp;
using Agentic.Telemetry;
using Agentic.Testing;
using Xunit.Abstractions;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// The metrics reach an OTLP backend as they reach the dashboard: while a batch job runs through the gateway, the
/// worker exports the Temporal SDK's metrics (under the SDK's own names, on meter <c>Temporalio.Metrics</c>) and
/// its job metrics, and the gateway its GenAI and own metrics, each under the shared name the deployment charts.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class MetricsExportTests : IDisposable
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(90);

    private static readonly ReceivedMetric[] Expected =
    [
        new("batch-service", MeterNames.Temporal, TemporalMetricNames.WorkflowCompleted),
        new("batch-service", MeterNames.Temporal, TemporalMetricNames.ActivityExecutionLatency),
        new("batch-service", MeterNames.Temporal, TemporalMetricNames.WorkflowTaskScheduleToStartLatency),
        new("batch-service", MeterNames.Temporal, TemporalMetricNames.WorkerTaskSlotsAvailable),
        new("batch-service", MeterNames.BatchService, BatchMetricNames.Rows),
        new("batch-service", MeterNames.BatchService, BatchMetricNames.PromptTokens),
        new("llm-gateway", MeterNames.LlmGateway, GenAiMetricNames.OperationDuration),
        new("llm-gateway", MeterNames.LlmGateway, GenAiMetricNames.TokenUsage),
        new("llm-gateway", MeterNames.LlmGateway, GatewayMetricNames.Requests),
        new("llm-gateway", MeterNames.LlmGateway, GatewayMetricNames.Admissions),
    ];

    private readonly LocalAppHostFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-apphost-metrics-").FullName;
    private readonly TracedWork _work;

    public MetricsExportTests(LocalAppHostFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _work = new TracedWork(fixture, output, _directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartBatch_JobThroughGateway_SdkJobAndGenAiMetricsReachOtlpUnderTheSharedNames()
    {
        await _work.RunBatchJobAsync(TracedWork.NewCallerContext(), ["first row", "second row"]);

        IReadOnlyList<ReceivedMetric> Missing() => [.. Expected.Except(_fixture.Telemetry.Metrics)];
        try
        {
            await Poll.UntilAsync(() => Missing().Count == 0, ExportDeadline);
        }
        catch (TimeoutException)
        {
            _output.WriteLine($"missing: {string.Join(", ", Missing())}");
            foreach (var metric in _fixture.Telemetry.Metrics.OrderBy(m => m.Service).ThenBy(m => m.Name))
            {
                _output.WriteLine(metric.ToString());
            }

            throw;
        }

        // Nothing the services publish under their own meters falls outside the shared lists the dashboards read
        // (the SDK's meter carries more than the list charts, by design).
        string[] listed = [.. BatchMetricNames.All, .. EvalMetricNames.All, .. ApprovalMetricNames.All, .. GatewayMetricNames.All, .. GenAiMetricNames.All];
        string[] ours = [MeterNames.BatchService, MeterNames.EvalService, MeterNames.ApprovalService, MeterNames.LlmGateway];
        var unlisted = _fixture.Telemetry.Metrics.Where(metric => ours.Contains(metric.Meter) && !listed.Contains(metric.Name)).ToList();
        Assert.True(unlisted.Count == 0, $"exported but not in a shared list: {string.Join(", ", unlisted)}");
    }
}
