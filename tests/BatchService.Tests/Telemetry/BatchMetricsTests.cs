using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.BatchService.Activities;
using Agentic.BatchService.Options;
using Agentic.BatchService.Telemetry;
using Agentic.BatchService.Tests.Activities;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Tests.Telemetry;

public sealed class BatchMetricsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<BatchMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentBag<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public BatchMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meter: other tests' hosts publish under the same name at the same time.
            if (instrument.Meter.Name == BatchMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, _services.GetRequiredService<IMeterFactory>()))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task ProcessAsync_RowsOfEveryOutcome_CountsRowsRetriesTokensAndThroughput()
    {
        var lines = Enumerable.Range(0, 20).Select(i => i == 3 ? "{broken" : $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}");
        var inputPath = _dir.Write("in.jsonl", string.Join('\n', lines) + "\n");
        var output = _dir.File("out");
        var spec = new BatchInputSpec(inputPath, BatchInputFormat.Jsonl, "id");
        var plan = await new BatchPlanner().PlanAsync(new PlanBatchInput("job", spec, 20, output), () => { }, CancellationToken.None);
        var task = new BatchTaskSpec(BatchTaskKind.Chat, "metered-model", "{{text}}", null, null, null, null, null, 3, 4);
        var input = new BatchPartInput("job", 0, 0, 20, plan.IndexPath, spec, task, output, null, TimeSpan.FromSeconds(10));
        var model = new ScriptedModel((prompt, call, _) => prompt == "t5" && call == 1
            ? throw new ApplicationFailureException("busy", "LlmUpstreamError")
            : Task.FromResult(new RowModelResult("ok", null, 7, 2)));
        var processor = new PartProcessor(model, Microsoft.Extensions.Options.Options.Create(new BatchOptions { RowRetryDelay = TimeSpan.FromMilliseconds(1) }),
            NullLogger<PartProcessor>.Instance, _services.GetRequiredService<BatchMetrics>());

        await processor.ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        Assert.Equal(19, Sum(BatchMetrics.Rows, "status", "succeeded"));
        Assert.Equal(1, Sum(BatchMetrics.Rows, "status", "failed"));
        Assert.Equal(1, Sum(BatchMetrics.RowsRetried, "reason", "LlmUpstreamError"));
        Assert.Equal(19 * 7, Sum(BatchMetrics.PromptTokens));
        Assert.Equal(19 * 2, Sum(BatchMetrics.CompletionTokens));
        Assert.Single(_measurements, m => m.Name == BatchMetrics.PartRowsPerSecond && m.Value > 0);
        Assert.All(_measurements, m => Assert.Equal("metered-model", m.Tags["model"]));
    }

    private double Sum(string name, string? tag = null, string? value = null) =>
        _measurements.Where(m => m.Name == name && (tag is null || Equals(m.Tags[tag], value))).Sum(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Add((instrument.Name, value, copy));
    }
}
