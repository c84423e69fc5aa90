using Agentic.AppHost.Tests.Otlp;
using Agentic.Testing;
using Xunit.Abstractions;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// The log lines the workers export while they run a batch job and a live eval turn: each line written inside an
/// activity carries the workflow id and run id in its scope (batch lines also the job id), and no prompt or
/// response text reaches Information or above, in any process.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class WorkLogsTests : IDisposable
{
    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(60);

    private readonly LocalAppHostFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-apphost-logs-").FullName;
    private readonly TracedWork _work;

    // Text only a prompt or an answer contains: found in a log line, it would be a leak.
    private readonly string _canary = $"canary-{Guid.NewGuid():N}";

    public WorkLogsTests(LocalAppHostFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _work = new TracedWork(fixture, output, _directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartBatch_JobRuns_ActivityLinesCarryWorkflowRunAndJobIdAndNoPromptText()
    {
        var caller = TracedWork.NewCallerContext();

        var jobId = await _work.RunBatchJobAsync(caller, [$"{_canary} first row", $"{_canary} second row"]);
        var trace = await _work.CompleteTraceAsync(caller, "batch-service", "/agentic.batch.v1.BatchService/StartBatch", providerCalls: 2);

        var lines = await ActivityLinesAsync(trace, "batch-service");
        Assert.All(lines, line =>
        {
            AssertWorkflowScope(line);
            Assert.Equal(jobId, line.Attributes.GetValueOrDefault("JobId"));
        });
        AssertNoLineContainsCanary();
    }

    [Fact]
    public async Task EvaluateTurn_JudgeRuns_ActivityLinesCarryWorkflowAndRunIdAndNoPromptOrAnswerText()
    {
        var caller = TracedWork.NewCallerContext();

        await _work.EvaluateTurnAsync(caller, $"{_canary} how do I reset my password?", $"{_canary} open Settings, then Security.");
        var trace = await _work.CompleteTraceAsync(caller, "eval-service", "/agentic.eval.v1.EvalService/EvaluateTurn", providerCalls: 1);

        var lines = await ActivityLinesAsync(trace, "eval-service");
        Assert.All(lines, AssertWorkflowScope);
        AssertNoLineContainsCanary();
    }

    /// <summary>
    /// The service's lines written while one of its activity spans (or a span under it, such as the HTTP call to the
    /// gateway) was current: what activity code logs, through any logger. Waits until there is at least one.
    /// </summary>
    private async Task<IReadOnlyList<ReceivedLog>> ActivityLinesAsync(TraceTree trace, string service)
    {
        var inActivity = trace.Spans
            .Where(span => span.Service == service && span.Name.StartsWith("RunActivity:", StringComparison.Ordinal))
            .Select(span => span.SpanId)
            .ToHashSet(StringComparer.Ordinal);
        bool grew;
        do
        {
            var below = trace.Spans.Where(span => span.Service == service && inActivity.Contains(span.ParentSpanId)).Select(span => span.SpanId).ToList();
            grew = below.Any(inActivity.Add);
        }
        while (grew);

        var traceId = trace.Spans[0].TraceId;
        IReadOnlyList<ReceivedLog> Lines() =>
            [.. _fixture.Telemetry.Logs.Where(line => line.Service == service && line.TraceId == traceId && inActivity.Contains(line.SpanId))];
        await Poll.UntilAsync(() => Lines().Count > 0, LogDeadline, $"no log line from {service}'s activities");
        var lines = Lines();
        foreach (var line in lines)
        {
            _output.WriteLine(line.ToString());
        }

        return lines;
    }

    private static void AssertWorkflowScope(ReceivedLog line)
    {
        Assert.False(string.IsNullOrEmpty(line.Attributes.GetValueOrDefault("WorkflowId")), $"no WorkflowId: {line}");
        Assert.False(string.IsNullOrEmpty(line.Attributes.GetValueOrDefault("RunId")), $"no RunId: {line}");
    }

    private void AssertNoLineContainsCanary()
    {
        var leaks = _fixture.Telemetry.Logs
            .Where(line => line.IsInformationOrAbove)
            .Where(line => line.Body.Contains(_canary, StringComparison.Ordinal)
                || line.Attributes.Values.Any(value => value.Contains(_canary, StringComparison.Ordinal)))
            .ToList();
        Assert.True(leaks.Count == 0, $"prompt or answer text logged:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
    }
}
