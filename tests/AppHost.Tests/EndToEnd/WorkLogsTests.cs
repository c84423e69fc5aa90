using Agentic.AppHost.Tests.Otlp;
using Agentic.Testing;
using Xunit.Abstractions;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// The log lines the workers export while they run a batch job, a live eval turn and an approval: each line written
/// inside an activity or by a workflow carries the workflow id and run id in its scope (batch lines also the job id,
/// approval lines the project and node), and no prompt or response text reaches Information or above, in any process.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class WorkLogsTests : IDisposable
{
    private const string WorkflowLoggerCategory = "Temporalio.Workflow";
    private const string ProjectKey = "Project";

    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(60);

    private readonly LocalAppHostFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-apphost-logs-").FullName;
    private readonly TracedWork _work;
    private readonly ApprovalWork _approvals;

    // Text only a prompt or an answer contains: found in a log line, it would be a leak.
    private readonly string _canary = $"canary-{Guid.NewGuid():N}";

    public WorkLogsTests(LocalAppHostFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _work = new TracedWork(fixture, output, _directory);
        _approvals = new ApprovalWork(fixture, _directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartBatch_JobRuns_ActivityLinesCarryWorkflowRunAndJobIdAndNoPromptText()
    {
        var caller = TracedWork.NewCallerContext();

        var jobId = await _work.RunBatchJobAsync(caller, [$"{_canary} first row", $"{_canary} second row"]);
        var trace = await _work.CompleteTraceAsync(caller, "batch-service", "/agentic.batch.v1.BatchService/StartBatch", providerCalls: 2);

        var lines = await ActivityLinesAsync(() => trace.Spans, "batch-service", lines => lines.Count > 0);
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

        var lines = await ActivityLinesAsync(() => trace.Spans, "eval-service", lines => lines.Count > 0);
        Assert.All(lines, AssertWorkflowScope);
        AssertNoLineContainsCanary();
    }

    [Fact]
    public async Task ImportManifest_ProposalDraftedDecidedAndShipped_WorkflowAndActivityLinesCarryIdsAndNoPromptOrAnswerText()
    {
        var caller = TracedWork.NewCallerContext();

        var project = await _approvals.ImportDecideAndShipAsync(caller, _canary);

        // The draft's call to the gateway, from the activity the import's workflow ran.
        var traceId = caller.TraceId.ToHexString();
        var activityLines = await ActivityLinesAsync(() => _fixture.Telemetry.SpansOf(traceId), "approval-service", lines => lines.Count > 0);
        Assert.All(activityLines, line => AssertApprovalScope(line, project));
        // What the workflows themselves say: every line any approval workflow wrote, including this project's
        // draft, decision and pull request.
        var workflowLines = await WorkflowLinesAsync("approval-service", lines =>
            new[] { "drafted:", "decided:", "Pull request opened" }.All(text => lines.Any(line =>
                line.Body.Contains(text, StringComparison.Ordinal) && line.Attributes.GetValueOrDefault(ProjectKey) == project)));
        Assert.All(workflowLines, line => AssertApprovalScope(line, project: null));
        AssertNoLineContainsCanary();
    }

    /// <summary>
    /// The service's lines written while one of its activity spans (or a span under it, such as the HTTP call to the
    /// gateway) was current: what activity code logs, through any logger. Waits until <paramref name="enough"/>.
    /// </summary>
    private async Task<IReadOnlyList<ReceivedLog>> ActivityLinesAsync(
        Func<IReadOnlyList<ReceivedSpan>> spans, string service, Func<IReadOnlyList<ReceivedLog>, bool> enough)
    {
        IReadOnlyList<ReceivedLog> Lines()
        {
            var trace = spans();
            var inActivity = trace
                .Where(span => span.Service == service && span.Name.StartsWith("RunActivity:", StringComparison.Ordinal))
                .Select(span => span.SpanId)
                .ToHashSet(StringComparer.Ordinal);
            bool grew;
            do
            {
                var below = trace.Where(span => span.Service == service && inActivity.Contains(span.ParentSpanId)).Select(span => span.SpanId).ToList();
                grew = below.Any(inActivity.Add);
            }
            while (grew);

            return [.. _fixture.Telemetry.Logs.Where(line => line.Service == service && inActivity.Contains(line.SpanId))];
        }

        await Poll.UntilAsync(() => enough(Lines()), LogDeadline, $"not enough log lines from {service}'s activities");
        return Written(Lines());
    }

    /// <summary>Every line the service's workflows wrote through <c>Workflow.Logger</c>, once <paramref name="enough"/>.</summary>
    private async Task<IReadOnlyList<ReceivedLog>> WorkflowLinesAsync(string service, Func<IReadOnlyList<ReceivedLog>, bool> enough)
    {
        IReadOnlyList<ReceivedLog> Lines() =>
            [.. _fixture.Telemetry.Logs.Where(line => line.Service == service && line.Category.StartsWith(WorkflowLoggerCategory, StringComparison.Ordinal))];
        try
        {
            await Poll.UntilAsync(() => enough(Lines()), LogDeadline, $"not enough log lines from {service}'s workflows");
        }
        catch (TimeoutException)
        {
            Written(_fixture.Telemetry.Logs.Where(line => line.Service == service).ToList());
            throw;
        }

        return Written(Lines());
    }

    private IReadOnlyList<ReceivedLog> Written(IReadOnlyList<ReceivedLog> lines)
    {
        foreach (var line in lines)
        {
            _output.WriteLine(line.ToString());
        }

        return lines;
    }

    /// <summary>
    /// Workflow and run ids, and the approval's own: the project on every line, the node on a proposal's lines.
    /// </summary>
    private static void AssertApprovalScope(ReceivedLog line, string? project)
    {
        AssertWorkflowScope(line);
        var workflowId = line.Attributes["WorkflowId"];
        Assert.Equal(project ?? workflowId.Split('/')[1], line.Attributes.GetValueOrDefault(ProjectKey));
        if (workflowId.StartsWith("approval/", StringComparison.Ordinal))
        {
            Assert.Equal(workflowId[(workflowId.LastIndexOf('/') + 1)..], line.Attributes.GetValueOrDefault("UniqueId"));
        }
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
