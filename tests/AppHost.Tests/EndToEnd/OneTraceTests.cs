using System.Diagnostics;
using System.Text.Json;
using Agentic.AppHost.Tests.Otlp;
using Agentic.Batch.V1;
using Agentic.Eval.V1;
using Agentic.Testing;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// One trace per piece of work, across processes: the spans batch-service, eval-service and llm-gateway export
/// (to the fixture's OTLP receiver) for one gRPC call link, parent by parent, from the gRPC server span through
/// the workflow, its children and activities to the gateway's server span and its upstream call.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class OneTraceTests(LocalAppHostFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int Rows = 3;

    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-apphost-trace-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartBatch_JobThroughGateway_OneTraceFromGrpcCallToProvider()
    {
        var input = Path.Combine(_directory, "rows.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, Rows)
            .Select(i => JsonSerializer.Serialize(new { id = $"r{i}", text = $"row number {i}" })));
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("batch-service", "grpc"));
        var batches = new Batch.V1.BatchService.BatchServiceClient(channel);
        var jobId = $"trace-{Guid.NewGuid():N}";
        var caller = NewCallerContext();

        await batches.StartBatchAsync(
            new StartBatchRequest
            {
                JobId = jobId,
                Input = new BatchInput { Location = input, Format = InputFormat.Jsonl, RowIdColumn = "id" },
                Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 16 },
                Model = "sim-chat",
                BatchSize = 10,
                OutputLocation = Path.Combine(_directory, "out"),
            },
            Traced(caller));
        using var watch = batches.WatchBatch(new WatchBatchRequest { JobId = jobId }, deadline: DateTime.UtcNow.AddSeconds(120));
        BatchStatus? last = null;
        await foreach (var status in watch.ResponseStream.ReadAllAsync())
        {
            last = status;
        }

        Assert.Equal(BatchState.Completed, last?.State);
        var trace = await CompleteTraceAsync(caller, "batch-service", "/agentic.batch.v1.BatchService/StartBatch", providerCalls: Rows);

        var grpc = Assert.Single(trace.Spans, span => span.Service == "batch-service" && span.Kind == ReceivedSpanKind.Server && span.Name.EndsWith("/StartBatch", StringComparison.Ordinal));
        Assert.Equal(caller.SpanId.ToHexString(), grpc.ParentSpanId);
        var start = Assert.Single(trace.Named("batch-service", "StartWorkflow:BatchJobWorkflow"));
        Assert.Equal(grpc.SpanId, start.ParentSpanId);
        Assert.Equal(start.SpanId, Assert.Single(trace.Named("batch-service", "RunWorkflow:BatchJobWorkflow")).ParentSpanId);
        var parts = trace.Named("batch-service", "RunWorkflow:BatchPartWorkflow").ToList();
        Assert.NotEmpty(parts);
        Assert.All(parts, part => Assert.Equal(start.SpanId, part.ParentSpanId));
        var activities = trace.Named("batch-service", "RunActivity:ProcessPart").ToList();
        Assert.NotEmpty(activities);
        Assert.All(activities, activity => Assert.Equal(start.SpanId, activity.ParentSpanId));
        AssertGatewayCalls(trace, "batch-service", activities, Rows);
    }

    [Fact]
    public async Task EvaluateTurn_JudgedThroughGateway_OneTraceFromGrpcCallToProvider()
    {
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("eval-service", "grpc"));
        var eval = new Eval.V1.EvalService.EvalServiceClient(channel);
        var suite = $"trace-{Guid.NewGuid():N}";
        await eval.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = JudgedSuite(suite) });
        var caller = NewCallerContext();

        var verdict = await eval.EvaluateTurnAsync(
            new EvaluateTurnRequest
            {
                ConversationId = suite,
                TurnIndex = 1,
                UserRequest = "How do I reset my password?",
                AssistantResponse = "Open Settings, then Security, and choose Reset password.",
                Suite = suite,
            },
            Traced(caller));

        Assert.True(verdict.Final, $"{verdict.Decision}: {verdict.Reason}");
        var trace = await CompleteTraceAsync(caller, "eval-service", "/agentic.eval.v1.EvalService/EvaluateTurn", providerCalls: 1);

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
        var provider = trace.ChildrenOf(upstreamHttp, span => span.Service == "llm-gateway" && span.Kind == ReceivedSpanKind.Server && span.Name == "POST /simulated/v1/chat/completions").ToList();

        output.WriteLine(trace.ToString());
        Assert.True(gateway.Count >= calls, $"{gateway.Count} gateway server spans under {worker}'s activities, expected {calls}");
        Assert.Equal(gateway.Count, upstream.Count);
        Assert.Equal(upstream.Count, upstreamHttp.Count);
        Assert.Equal(upstreamHttp.Count, provider.Count);
        Assert.Empty(trace.Orphans);
    }

    /// <summary>
    /// The trace once every process has exported its part: the gRPC server span, the provider calls and no span
    /// whose parent is missing (exporters batch, so parts arrive in any order).
    /// </summary>
    private async Task<TraceTree> CompleteTraceAsync(ActivityContext caller, string service, string method, int providerCalls)
    {
        var traceId = caller.TraceId.ToHexString();
        TraceTree Current() => new(fixture.Telemetry.SpansOf(traceId), caller.SpanId.ToHexString());
        try
        {
            await Poll.UntilAsync(
                () =>
                {
                    var trace = Current();
                    return trace.Spans.Any(span => span.Service == service && span.Name.EndsWith(method, StringComparison.Ordinal))
                        && trace.Spans.Count(span => span.Name == "POST /simulated/v1/chat/completions") >= providerCalls
                        && !trace.Orphans.Any();
                },
                ExportDeadline);
        }
        catch (TimeoutException)
        {
            output.WriteLine(Current().ToString());
            throw;
        }

        return Current();
    }

    /// <summary>A live suite with one simulated judge that always passes (threshold 0).</summary>
    private static string JudgedSuite(string name) => $"""
        name: {name}
        checks:
          - id: short
            type: length
            max: 2000
        jury:
          aggregation: mean
          pass_threshold: 0
          judges:
            - name: helpful
              model: sim-chat
              rubric: Score how helpful the answer is.
              timeout: 20s
        live:
          budget: 30s
          when_late: show_provisional
        """;

    /// <summary>A caller's span context: the test stands in for the client that calls the service.</summary>
    private static ActivityContext NewCallerContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    private static Metadata Traced(ActivityContext caller) =>
        new() { { "traceparent", $"00-{caller.TraceId.ToHexString()}-{caller.SpanId.ToHexString()}-01" } };
}
