using Agentic.AppHost.Tests.Otlp;
using Xunit.Abstractions;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// One trace per piece of work (a batch job, a live turn, an offline run), across processes: the spans batch-service, eval-service and llm-gateway export
/// (to the fixture's OTLP receiver) for one gRPC call link, parent by parent, from the gRPC server span through
/// the workflow, its children and activities to the gateway's server span and its upstream call.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class OneTraceTests : IDisposable
{
    private const int Rows = 3;

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-apphost-trace-").FullName;
    private readonly TracedWork _work;

    public OneTraceTests(LocalAppHostFixture fixture, ITestOutputHelper output)
    {
        _output = output;
        _work = new TracedWork(fixture, output, _directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartBatch_JobThroughGateway_OneTraceFromGrpcCallToProvider()
    {
        var caller = TracedWork.NewCallerContext();

        await _work.RunBatchJobAsync(caller, [.. Enumerable.Range(0, Rows).Select(i => $"row number {i}")]);
        var trace = await _work.CompleteTraceAsync(caller, "batch-service", "/agentic.batch.v1.BatchService/StartBatch", providerCalls: Rows);

        var grpc = Assert.Single(trace.Spans, span => span.Service == "batch-service" && span.Kind == ReceivedSpanKind.Server && span.Name.EndsWith("/StartBatch", StringComparison.Ordinal));
        Assert.Equal(caller.SpanId.ToHexString(), grpc.ParentSpanId);
        var start = Assert.Single(trace.Named("batch-service", "StartWorkflow:BatchJobWorkflow"));
        Assert.Equal(grpc.SpanId, start.ParentSpanId);
        Assert.Equal(start.SpanId, Assert.Single(trace.Named("batch-service", "RunWorkflow:BatchJobWorkflow")).ParentSpanId);
        var parts = trace.Named("batch-service", "RunWorkflow:BatchPartWorkflow").ToList();
        Assert.NotEmpty(parts);
        Assert.All(parts, part => Assert.Equal(start.SpanId, part.ParentSpanId));
        // ProcessPart, or ProcessPartV2 for parts started since structured output (a patched new activity type).
        var activities = trace.Spans.Where(span => span.Service == "batch-service" && span.Name.StartsWith("RunActivity:ProcessPart", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(activities);
        Assert.All(activities, activity => Assert.Equal(start.SpanId, activity.ParentSpanId));
        AssertGatewayCalls(trace, "batch-service", activities, Rows);
    }

    [Fact]
    public async Task EvaluateTurn_JudgedThroughGateway_OneTraceFromGrpcCallToProvider()
    {
        var caller = TracedWork.NewCallerContext();

        await _work.EvaluateTurnAsync(caller, "How do I reset my password?", "Open Settings, then Security, and choose Reset password.");
        var trace = await _work.CompleteTraceAsync(caller, "eval-service", "/agentic.eval.v1.EvalService/EvaluateTurn", providerCalls: 1);

        var grpc = Assert.Single(trace.Spans, span => span.Service == "eval-service" && span.Kind == ReceivedSpanKind.Server && span.Name.EndsWith("/EvaluateTurn", StringComparison.Ordinal));
        Assert.Equal(caller.SpanId.ToHexString(), grpc.ParentSpanId);
        var start = Assert.Single(trace.Named("eval-service", "UpdateWithStartWorkflow:TurnWorkflow"));
        Assert.Equal(grpc.SpanId, start.ParentSpanId);
        Assert.Equal(start.SpanId, Assert.Single(trace.Named("eval-service", "RunWorkflow:TurnWorkflow")).ParentSpanId);
        Assert.Equal(start.SpanId, Assert.Single(trace.Named("eval-service", "RunWorkflow:JudgeWorkflow")).ParentSpanId);
        var judge = Assert.Single(trace.Named("eval-service", "RunActivity:Ask"));
        Assert.Equal(start.SpanId, judge.ParentSpanId);
        AssertGatewayCalls(trace, "eval-service", [judge], 1);
    }

    [Fact]
    public async Task StartEvalRun_CasesJudgedThroughGateway_OneTraceFromGrpcCallToProvider()
    {
        var caller = TracedWork.NewCallerContext();

        await _work.RunEvalAsync(caller, [.. Enumerable.Range(0, Rows).Select(i => $"Open Settings, then Security, and choose Reset password ({i}).")]);
        var trace = await _work.CompleteTraceAsync(caller, "eval-service", "/agentic.eval.v1.EvalService/StartEvalRun", providerCalls: Rows);

        var grpc = Assert.Single(trace.Spans, span => span.Service == "eval-service" && span.Kind == ReceivedSpanKind.Server && span.Name.EndsWith("/StartEvalRun", StringComparison.Ordinal));
        Assert.Equal(caller.SpanId.ToHexString(), grpc.ParentSpanId);
        var start = Assert.Single(trace.Named("eval-service", "StartWorkflow:EvalRunWorkflow"));
        Assert.Equal(grpc.SpanId, start.ParentSpanId);
        Assert.Equal(start.SpanId, Assert.Single(trace.Named("eval-service", "RunWorkflow:EvalRunWorkflow")).ParentSpanId);
        Assert.Equal(start.SpanId, Assert.Single(trace.Named("eval-service", "RunWorkflow:EvalChunkWorkflow")).ParentSpanId);
        Assert.Empty(trace.Named("eval-service", "RunWorkflow:JudgeWorkflow"));
        // Offline, each judge is an activity of its chunk (JudgeProcedure), one per case here.
        var judges = trace.Named("eval-service", "RunActivity:Judge").ToList();
        Assert.Equal(Rows, judges.Count);
        Assert.All(judges, judge => Assert.Equal(start.SpanId, judge.ParentSpanId));
        AssertGatewayCalls(trace, "eval-service", judges, Rows);
    }

    /// <summary>
    /// Each provider call hangs off a worker activity: the activity's HTTP client span, the gateway's server span
    /// under it, the gateway's upstream span (GenAI "chat model") under that, its HTTP client span, and the
    /// provider's server span (the simulated provider, served by the gateway itself) at the end.
    /// </summary>
    private void AssertGatewayCalls(TraceTree trace, string worker, IReadOnlyList<ReceivedSpan> activities, int calls)
    {
        var workerCalls = trace.ChildrenOf(activities, span => span.Service == worker && span.Kind == ReceivedSpanKind.Client && span.Scope == "System.Net.Http").ToList();
        var gateway = trace.ChildrenOf(workerCalls, span => span.Service == "llm-gateway" && span.Kind == ReceivedSpanKind.Server && span.Name == "POST /v1/chat/completions").ToList();
        var upstream = trace.ChildrenOf(gateway, span => span.Service == "llm-gateway" && span.Kind == ReceivedSpanKind.Client && span.Name == "chat sim-chat").ToList();
        var upstreamHttp = trace.ChildrenOf(upstream, span => span.Service == "llm-gateway" && span.Kind == ReceivedSpanKind.Client && span.Scope == "System.Net.Http").ToList();
        var provider = trace.ChildrenOf(upstreamHttp, span => span.Service == "llm-gateway" && span.Kind == ReceivedSpanKind.Server && span.Name == TracedWork.ProviderSpanName).ToList();

        _output.WriteLine(trace.ToString());
        Assert.True(gateway.Count >= calls, $"{gateway.Count} gateway server spans under {worker}'s activities, expected {calls}");
        Assert.Equal(gateway.Count, upstream.Count);
        Assert.Equal(upstream.Count, upstreamHttp.Count);
        Assert.Equal(upstreamHttp.Count, provider.Count);
        Assert.Empty(trace.Orphans);
    }
}
