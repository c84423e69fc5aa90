using System.Runtime.CompilerServices;
using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.BatchService.Tests.Integration;
using Agentic.BatchService.Workflows;
using Temporalio.Common;
using Temporalio.Worker;

namespace Agentic.BatchService.Tests.Workflows;

/// <summary>
/// Workflow versioning. Histories recorded from earlier code (Workflows/Histories/*.json) must replay with the
/// current code: a change that would break jobs running in production fails here first (then guard it with
/// <c>Workflow.Patched</c>, see the README). Re-record them after an intended, patched change with
/// <c>AGENTIC_RECORD_HISTORIES=1 dotnet test tests/BatchService.Tests --filter FullyQualifiedName~BatchWorkflowHistoryTests</c>.
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class BatchWorkflowHistoryTests(BatchEnvironment environment) : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly TempDirectory _dir = new();

    public static TheoryData<string> RecordedHistories
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Workflows", "Histories"), "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(RecordedHistories))]
    public async Task ReplayWorkflowAsync_RecordedHistory_ReplaysWithTheCurrentCode(string file)
    {
        var history = Load(file);

        var result = await Replayer().ReplayWorkflowAsync(history, throwOnReplayFailure: false);

        Assert.Null(result.ReplayFailure);
        Assert.NotEmpty(history.Events);
    }

    [Fact]
    public async Task ReplayWorkflowAsync_PartRecordedBeforeStructuredOutput_ReplaysDownTheUnpatchedBranch()
    {
        // Recorded from the code before BatchPartWorkflow.StructuredOutputPatch; never re-recorded.
        var history = Load("part-before-structured-output.json");

        var result = await Replayer().ReplayWorkflowAsync(history, throwOnReplayFailure: false);

        Assert.Null(result.ReplayFailure);
        Assert.DoesNotContain(history.Events, e => e.MarkerRecordedEventAttributes is not null);
        Assert.Contains(history.Events, e => e.ActivityTaskScheduledEventAttributes?.ActivityType.Name == "ProcessPart");
    }

    [Fact]
    public async Task Histories_FreshJobsOfEveryShape_ReplayAndAreRecordedOnRequest()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway, new() { ["Batch:BatchesPerRun"] = "2" });
        var histories = new Dictionary<string, WorkflowHistory>(StringComparer.Ordinal);

        // Continue-as-new: six batches at two per run are three runs of the job.
        var chained = await RunAsync(service, "replay-chain", Rows(300), batchSize: 50);
        var runs = await RunsAsync("batch-" + chained.JobId);
        for (var i = 0; i < runs.Count; i++)
        {
            histories[$"job-continue-as-new-run{i}"] = runs[i];
        }

        histories["part"] = await environment.Emulator.Client.GetWorkflowHandle($"batch-{chained.JobId}/part-000000").FetchHistoryAsync();

        // A failed row: the job completes with the row recorded as failed.
        var failedRow = await RunAsync(service, "replay-failed-row", Rows(10, brokenRow: 4), batchSize: 10);
        histories["job-failed-row"] = await environment.Emulator.Client.GetWorkflowHandle("batch-" + failedRow.JobId).FetchHistoryAsync();
        histories["part-failed-row"] = await environment.Emulator.Client.GetWorkflowHandle($"batch-{failedRow.JobId}/part-000000").FetchHistoryAsync();

        // A failed job: planning refuses repeated row ids.
        var failedJob = await RunAsync(service, "replay-failed-job", Rows(5, duplicateOf: 1), batchSize: 10);
        histories["job-planning-failed"] = await environment.Emulator.Client.GetWorkflowHandle("batch-" + failedJob.JobId).FetchHistoryAsync();

        // Structured output: a new part takes the patched branch, marker and all.
        var structured = await RunAsync(service, "replay-structured", Rows(4), batchSize: 10, structured: true);
        histories["part-structured"] = await environment.Emulator.Client.GetWorkflowHandle($"batch-{structured.JobId}/part-000000").FetchHistoryAsync();

        foreach (var (name, history) in histories)
        {
            var result = await Replayer().ReplayWorkflowAsync(history, throwOnReplayFailure: false);
            Assert.True(result.ReplayFailure is null, $"{name}: {result.ReplayFailure}");
        }

        Assert.Equal(3, runs.Count);
        Assert.Equal(BatchState.Completed, failedRow.State);
        Assert.Equal(1, failedRow.RowsFailed);
        Assert.Equal(BatchState.Failed, failedJob.State);
        Assert.Equal(BatchState.Completed, structured.State);
        Assert.Contains(histories["part-structured"].Events, e => e.MarkerRecordedEventAttributes is not null);
        Assert.Contains(histories["part-structured"].Events, e => e.ActivityTaskScheduledEventAttributes?.ActivityType.Name == "ProcessPartV2");
        if (Environment.GetEnvironmentVariable("AGENTIC_RECORD_HISTORIES") == "1")
        {
            foreach (var (name, history) in histories)
            {
                await File.WriteAllTextAsync(Path.Combine(SourceHistoriesDirectory(), name + ".json"), Recorded(history));
            }
        }
    }

    private static WorkflowHistory Load(string file)
    {
        // Each file holds the workflow id (child workflow ids derive from it) and the history as Temporal exports it.
        using var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "Histories", file)));
        return WorkflowHistory.FromJson(
            recorded.RootElement.GetProperty("workflow_id").GetString()!, recorded.RootElement.GetProperty("history").GetRawText());
    }

    private static WorkflowReplayer Replayer() => new(new WorkflowReplayerOptions()
        .AddWorkflow<BatchJobWorkflow>()
        .AddWorkflow<BatchPartWorkflow>());

    private static string SourceHistoriesDirectory([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Histories");

    private static string Recorded(WorkflowHistory history)
    {
        using var document = JsonDocument.Parse(history.ToJson());
        return JsonSerializer.Serialize(new { workflow_id = history.Id, history = document.RootElement }, Indented) + "\n";
    }

    /// <summary>Every run of a job, first to last, following the continue-as-new chain back from the latest.</summary>
    private async Task<List<WorkflowHistory>> RunsAsync(string workflowId)
    {
        var runs = new List<WorkflowHistory>();
        string? runId = null;
        do
        {
            var history = await environment.Emulator.Client.GetWorkflowHandle(workflowId, runId).FetchHistoryAsync();
            runs.Insert(0, history);
            runId = history.Events.First().WorkflowExecutionStartedEventAttributes.ContinuedExecutionRunId;
        }
        while (!string.IsNullOrEmpty(runId));
        return runs;
    }

    private async Task<BatchStatus> RunAsync(BatchServiceHost service, string name, string rows, int batchSize, bool structured = false)
    {
        var jobId = $"{name}-{Guid.NewGuid():N}";
        await service.Client.StartBatchAsync(new StartBatchRequest
        {
            JobId = jobId,
            Input = new BatchInput { Location = _dir.Write(name + ".jsonl", rows), Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = structured
                ? new BatchTask { Kind = TaskKind.Structured, PromptTemplate = "Rate: {{text}}", JsonSchema = """{"type":"object","properties":{"score":{"type":"integer"}},"required":["score"]}""" }
                : new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 16 },
            Model = BatchEnvironment.ChatModel,
            BatchSize = batchSize,
            MaxConcurrentBatches = 2,
            RowConcurrency = 4,
            OutputLocation = _dir.File("out-" + jobId),
        });
        return await BatchWaits.UntilTerminalAsync(service.Client, jobId, TimeSpan.FromSeconds(120));
    }

    private static string Rows(int count, int brokenRow = -1, int duplicateOf = -1) => string.Join('\n', Enumerable.Range(0, count).Select(i =>
        i == brokenRow ? "{\"id\":\"r" + i + "\",\"text\":" :
        JsonSerializer.Serialize(new { id = $"r{(duplicateOf >= 0 && i == count - 1 ? duplicateOf : i)}", text = $"row number {i}" }))) + "\n";
}
