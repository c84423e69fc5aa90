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
    public async Task ExecuteUpdateWithStart_WorkflowWithActivity_WorkflowAndActivityInTheCallersTrace()
    {
        var client = await ConnectAsync();
        var taskQueue = $"tracing-{Guid.NewGuid():N}";
        var workflowId = $"traced-update-{Guid.NewGuid():N}";
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<TracedUpdateWorkflow>()
            .AddActivity(TracedActivities.Echo));

        ActivityContext root;
        using (var caller = TestSource.StartActivity("caller"))
        {
            root = caller!.Context;
            await worker.ExecuteAsync(async () =>
            {
                var start = WithStartWorkflowOperation.Create(
                    (TracedUpdateWorkflow workflow) => workflow.RunAsync(new TracedInput("hello")),
                    new WorkflowOptions(workflowId, taskQueue)
                    {
                        ExecutionTimeout = TimeSpan.FromSeconds(60),
                        IdConflictPolicy = Temporalio.Api.Enums.V1.WorkflowIdConflictPolicy.UseExisting,
                    });
                await client.ExecuteUpdateWithStartWorkflowAsync(
                    (TracedUpdateWorkflow workflow) => workflow.ReleaseAsync(new TracedInput("go")),
                    new WorkflowUpdateWithStartOptions(start));
                await client.GetWorkflowHandle(workflowId).GetResultAsync<TracedResult>();
            });
        }

        var ours = _spans.Where(span => Equals(span.GetTagItem(TemporalTracing.WorkflowIdTag), workflowId)).ToList();
        var start = Assert.Single(ours, span => span.DisplayName == "UpdateWithStartWorkflow:TracedUpdateWorkflow");
        var run = Assert.Single(ours, span => span.DisplayName == "RunWorkflow:TracedUpdateWorkflow");
        var activity = Assert.Single(ours, span => span.DisplayName == "RunActivity:Echo");
        Assert.Equal(root.TraceId, start.TraceId);
        Assert.Equal(root.SpanId, start.ParentSpanId);
        Assert.Equal((start.TraceId, start.SpanId), (run.TraceId, run.ParentSpanId));
        Assert.Equal((start.TraceId, start.SpanId), (activity.TraceId, activity.ParentSpanId));
    }

    [Fact]
    public async Task ExecuteWorkflow_ContinuedAsNew_LaterRunsStayInTheCallersTrace()
    {
        var client = await ConnectAsync();
        var taskQueue = $"tracing-{Guid.NewGuid():N}";
        var workflowId = $"traced-chain-{Guid.NewGuid():N}";
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<TracedChainWorkflow>()
            .AddActivity(TracedActivities.Echo));

        using (TestSource.StartActivity("caller"))
        {
            await worker.ExecuteAsync(() => client.ExecuteWorkflowAsync(
                (TracedChainWorkflow workflow) => workflow.RunAsync(new TracedChainInput("hello", ContinueTimes: 2)),
                new WorkflowOptions(workflowId, taskQueue) { ExecutionTimeout = TimeSpan.FromSeconds(60) }));
        }

        var ours = _spans.Where(span => Equals(span.GetTagItem(TemporalTracing.WorkflowIdTag), workflowId)).ToList();
        var start = Assert.Single(ours, span => span.DisplayName == "StartWorkflow:TracedChainWorkflow");
        var runs = ours.Where(span => span.DisplayName == "RunWorkflow:TracedChainWorkflow").ToList();
        Assert.Equal(3, runs.Select(run => run.GetTagItem(TemporalTracing.RunIdTag)).Distinct().Count());
        Assert.All(runs, run => Assert.Equal((start.TraceId, start.SpanId), (run.TraceId, run.ParentSpanId)));
        var activity = Assert.Single(ours, span => span.DisplayName == "RunActivity:Echo");
        Assert.Equal((start.TraceId, start.SpanId), (activity.TraceId, activity.ParentSpanId));
    }

    private Task<TemporalClient> ConnectAsync() =>
        TemporalClient.ConnectAsync(new TemporalClientConnectOptions(_emulator!.Address)
        {
            Interceptors = [new TracingInterceptor()],
        });

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
