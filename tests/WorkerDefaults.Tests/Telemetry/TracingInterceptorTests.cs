using System.Collections.Concurrent;
using System.Diagnostics;
using Agentic.Emulator;
using Agentic.WorkerDefaults.Telemetry;
using Temporalio.Api.Common.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed class TracingInterceptorTests : IAsyncLifetime
{
    private const string TestSourceName = "Agentic.Tests.Tracing";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private TemporalEmulator? _emulator;

    public TracingInterceptorTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Temporalio.", StringComparison.Ordinal) || source.Name == TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() => _emulator = await TemporalEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task ExecuteWorkflow_WithActivity_EverySpanInTheCallersTrace()
    {
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(_emulator!.Address)
        {
            Interceptors = [new TracingInterceptor()],
        });
        var taskQueue = $"tracing-{Guid.NewGuid():N}";
        var workflowId = $"traced-{Guid.NewGuid():N}";
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<TracedWorkflow>()
            .AddActivity(TracedActivities.Echo));

        ActivityContext root;
        TracedResult result;
        using (var caller = TestSource.StartActivity("caller"))
        {
            root = caller!.Context;
            result = await worker.ExecuteAsync(() => client.ExecuteWorkflowAsync(
                (TracedWorkflow workflow) => workflow.RunAsync(new TracedInput("hello")),
                new WorkflowOptions(workflowId, taskQueue) { ExecutionTimeout = TimeSpan.FromSeconds(60) }));
        }

        Assert.Equal("hello", result.Text);
        var ours = _spans.Where(span => Equals(span.GetTagItem(TemporalTracing.WorkflowIdTag), workflowId)).ToList();
        var start = Assert.Single(ours, span => span.DisplayName == "StartWorkflow:TracedWorkflow");
        var run = Assert.Single(ours, span => span.DisplayName == "RunWorkflow:TracedWorkflow");
        var activity = Assert.Single(ours, span => span.DisplayName == "RunActivity:Echo");

        Assert.Equal(root.TraceId, start.TraceId);
        Assert.Equal(root.SpanId, start.ParentSpanId);
        Assert.Equal(start.TraceId, run.TraceId);
        Assert.Equal(start.SpanId, run.ParentSpanId);
        Assert.Equal(start.TraceId, activity.TraceId);
        Assert.Equal(start.SpanId, activity.ParentSpanId);
        Assert.Equal(1, activity.GetTagItem(TemporalTracing.AttemptTag));
    }

    [Fact]
    public void ContextFrom_HeaderWrittenByWithContext_SameContext()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=1");

        var headers = TemporalTracing.WithContext(new Dictionary<string, Payload> { ["other"] = new Payload() }, context);
        var read = TemporalTracing.ContextFrom(headers);

        Assert.Equal(context.TraceId, read.TraceId);
        Assert.Equal(context.SpanId, read.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, read.TraceFlags);
        Assert.Equal("vendor=1", read.TraceState);
        Assert.True(headers.ContainsKey("other"));
    }

    [Fact]
    public void ContextFrom_UnreadableHeader_NoContext()
    {
        var headers = new Dictionary<string, Payload>
        {
            [TemporalTracing.HeaderKey] = Temporalio.Converters.DataConverter.Default.PayloadConverter.ToPayload("not a carrier"),
        };

        Assert.Equal(default, TemporalTracing.ContextFrom(headers));
    }
}
