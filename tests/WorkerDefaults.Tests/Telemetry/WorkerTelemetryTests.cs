using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.Emulator;
using Agentic.Telemetry;
using Agentic.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

/// <summary>
/// A worker host built the way every service builds one (AddTemporalWorkerDefaults), against the emulator, runs
/// one workflow with one activity; the tests read what it reported: SDK metrics and scoped log lines.
/// </summary>
public sealed class WorkerTelemetryTests : IAsyncLifetime
{
    private readonly string _taskQueue = $"telemetry-{Guid.NewGuid():N}";
    private readonly string _workflowId = $"logged-{Guid.NewGuid():N}";
    private readonly ScopedLogs _logs = new();
    private readonly ConcurrentQueue<(string Name, object Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, string?> _published = new();
    private TemporalEmulator? _emulator;
    private IHost? _host;
    private string? _runId;

    public async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterNames.Temporal)
            {
                _published[instrument.Name] = instrument.Unit;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(Record);
        _listener.SetMeasurementEventCallback<double>(Record);
        _listener.Start();

        _emulator = await TemporalEmulator.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = _emulator.Address });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.AddTemporalWorkerDefaults(_taskQueue)
            .AddWorkflow<LoggedWorkflow>()
            .AddScopedActivities<LoggedActivities>();
        _host = builder.Build();
        await _host.StartAsync();

        var client = _host.Services.GetRequiredService<ITemporalClient>();
        var handle = await client.StartWorkflowAsync(
            (LoggedWorkflow workflow) => workflow.RunAsync(new LoggedInput("hello")),
            new WorkflowOptions(_workflowId, _taskQueue) { ExecutionTimeout = TimeSpan.FromSeconds(120) });
        _runId = handle.ResultRunId;
        Assert.Equal("hello", (await handle.GetResultAsync().WaitAsync(TimeSpan.FromSeconds(120))).Text);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _listener.Dispose();
    }

    [Fact]
    public async Task AddTemporalWorkerDefaults_WorkflowRuns_SdkMetricsUnderTheirOwnNames()
    {
        string[] expected =
        [
            TemporalMetricNames.WorkflowCompleted,
            TemporalMetricNames.WorkflowEndToEndLatency,
            TemporalMetricNames.WorkflowTaskScheduleToStartLatency,
            TemporalMetricNames.WorkflowTaskExecutionLatency,
            TemporalMetricNames.ActivityExecutionLatency,
            TemporalMetricNames.ActivityScheduleToStartLatency,
        ];

        // The core reports from its own threads, shortly after the completion the test awaited.
        await Poll.UntilAsync(
            () => expected.All(name => OnOurQueue(name).Any()),
            TimeSpan.FromSeconds(60),
            $"missing: {string.Join(", ", expected.Where(name => !OnOurQueue(name).Any()))}; seen: {string.Join(", ", _measurements.Select(m => m.Name).Distinct().Order())}");

        var completed = OnOurQueue(TemporalMetricNames.WorkflowCompleted).ToList();
        Assert.Equal(1L, completed.Sum(measurement => Convert.ToInt64(measurement.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(completed, measurement => Assert.Equal(nameof(LoggedWorkflow), measurement.Tags["workflow_type"]));
        Assert.Contains(OnOurQueue(TemporalMetricNames.ActivityExecutionLatency), measurement => Equals(measurement.Tags["activity_type"], nameof(LoggedActivities.NoteAsync).Replace("Async", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AddTemporalWorkerDefaults_WorkerRuns_SlotAndPollerGaugesReported()
    {
        await Poll.UntilAsync(
            () => OnOurQueue(TemporalMetricNames.WorkerTaskSlotsAvailable).Any() && _measurements.Any(m => m.Name == TemporalMetricNames.NumPollers),
            TimeSpan.FromSeconds(60),
            $"seen: {string.Join(", ", _measurements.Select(m => m.Name).Distinct().Order())}");

        Assert.Contains(OnOurQueue(TemporalMetricNames.WorkerTaskSlotsAvailable), measurement => Equals(measurement.Tags["worker_type"], "ActivityWorker"));
    }

    [Fact]
    public async Task AddTemporalWorkerDefaults_WorkflowAndActivityLog_EveryLineCarriesWorkflowAndRunId()
    {
        await Poll.UntilAsync(
            () => _logs.Lines.Any(line => line.Message == LoggedActivities.ActivityLine) && _logs.Lines.Any(line => line.Message == LoggedWorkflow.WorkflowLine),
            TimeSpan.FromSeconds(30));

        var fromWork = _logs.Lines.Where(line => line.Message is LoggedActivities.ActivityLine or LoggedWorkflow.WorkflowLine).ToList();
        Assert.Equal(2, fromWork.Count);
        Assert.All(fromWork, line =>
        {
            Assert.Equal(_workflowId, line.Scope["WorkflowId"]);
            Assert.Equal(_runId, line.Scope["RunId"]);
        });
    }

    [Fact]
    public void AddTemporalWorkerDefaults_WorkerRan_EveryListedTemporalMetricIsPublished()
    {
        var missing = TemporalMetricNames.All.Where(name => !_published.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, $"not published by the SDK: {string.Join(", ", missing)}");
        Assert.Equal("ms", _published[TemporalMetricNames.ActivityExecutionLatency]);
    }

    private IEnumerable<(string Name, object Value, Dictionary<string, object?> Tags)> OnOurQueue(string name) =>
        _measurements.Where(measurement => measurement.Name == name && Equals(measurement.Tags.GetValueOrDefault("task_queue"), _taskQueue));

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
