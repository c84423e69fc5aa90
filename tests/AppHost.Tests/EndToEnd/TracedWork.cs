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
/// A batch job, a live eval turn and an offline eval run started over gRPC as a traced client would (a <c>traceparent</c> header with
/// a fresh trace), and the trace every process exports for them.
/// </summary>
public sealed class TracedWork(LocalAppHostFixture fixture, ITestOutputHelper output, string directory)
{
    public const string ProviderSpanName = "POST /simulated/v1/chat/completions";

    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(60);

    /// <summary>A caller's span context: the test stands in for the client that calls the service.</summary>
    public static ActivityContext NewCallerContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    /// <summary>Runs a chat job over the given row texts to completion; returns the job id.</summary>
    public async Task<string> RunBatchJobAsync(ActivityContext caller, IReadOnlyList<string> texts)
    {
        var input = Path.Combine(directory, "rows.jsonl");
        await File.WriteAllLinesAsync(input, texts.Select((text, i) => JsonSerializer.Serialize(new { id = $"r{i}", text })));
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("batch-service", "grpc"));
        var batches = new Batch.V1.BatchService.BatchServiceClient(channel);
        var jobId = $"trace-{Guid.NewGuid():N}";

        await batches.StartBatchAsync(
            new StartBatchRequest
            {
                JobId = jobId,
                Input = new BatchInput { Location = input, Format = InputFormat.Jsonl, RowIdColumn = "id" },
                Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 16 },
                Model = "sim-chat",
                BatchSize = 10,
                OutputLocation = Path.Combine(directory, $"out-{jobId}"),
            },
            Traced(caller));
        using var watch = batches.WatchBatch(new WatchBatchRequest { JobId = jobId }, deadline: DateTime.UtcNow.AddSeconds(120));
        BatchStatus? last = null;
        await foreach (var status in watch.ResponseStream.ReadAllAsync())
        {
            last = status;
        }

        Assert.Equal(BatchState.Completed, last?.State);
        return jobId;
    }

    /// <summary>Evaluates one turn with a one-judge suite (the judge asks the gateway) until its verdict is final.</summary>
    public async Task EvaluateTurnAsync(ActivityContext caller, string userRequest, string assistantResponse)
    {
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("eval-service", "grpc"));
        var eval = new Eval.V1.EvalService.EvalServiceClient(channel);
        var suite = $"trace-{Guid.NewGuid():N}";
        await eval.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = JudgedSuite(suite) });

        var verdict = await eval.EvaluateTurnAsync(
            new EvaluateTurnRequest
            {
                ConversationId = suite,
                TurnIndex = 1,
                UserRequest = userRequest,
                AssistantResponse = assistantResponse,
                Suite = suite,
            },
            Traced(caller));

        Assert.True(verdict.Final, $"{verdict.Decision}: {verdict.Reason}");
    }

    /// <summary>An offline run of one case per answer, judged by the same one-judge suite, until it completes.</summary>
    public async Task RunEvalAsync(ActivityContext caller, IReadOnlyList<string> answers)
    {
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("eval-service", "grpc"));
        var eval = new Eval.V1.EvalService.EvalServiceClient(channel);
        var suite = $"trace-run-{Guid.NewGuid():N}";
        await eval.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = JudgedSuite(suite) });
        var cases = string.Concat(answers.Select((answer, i) => JsonSerializer.Serialize(new { id = $"c{i}", input = "How do I reset my password?", output = answer }) + "\n"));

        var started = await eval.StartEvalRunAsync(
            new StartEvalRunRequest { RunId = suite, Suite = suite, Dataset = new Dataset { Content = cases, Format = DatasetFormat.Jsonl } },
            Traced(caller));
        using var watch = eval.WatchEvalRun(new GetEvalRunRequest { RunId = started.RunId }, deadline: DateTime.UtcNow.AddSeconds(120));
        EvalRun? last = null;
        await foreach (var run in watch.ResponseStream.ReadAllAsync())
        {
            last = run;
        }

        Assert.Equal((RunState.Completed, answers.Count), (last?.State, last?.CasesPassed));
    }

    /// <summary>
    /// The trace once every process has exported its part: the gRPC server span of <paramref name="method"/>, the
    /// given number of provider calls and no span whose parent is missing (exporters batch, so parts arrive in any
    /// order).
    /// </summary>
    public async Task<TraceTree> CompleteTraceAsync(ActivityContext caller, string service, string method, int providerCalls)
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
                        && trace.Spans.Count(span => span.Name == ProviderSpanName) >= providerCalls
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

    /// <summary>The headers of a call made inside the caller's span.</summary>
    public static Metadata Traced(ActivityContext caller) =>
        new() { { "traceparent", $"00-{caller.TraceId.ToHexString()}-{caller.SpanId.ToHexString()}-01" } };
}
