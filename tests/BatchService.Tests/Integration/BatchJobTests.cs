using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.BatchService.Activities;
using Agentic.Testing;
using Temporalio.Api.Common.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Converters;
using Agentic.BatchService.Workflows;
using Grpc.Core;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// End to end: Temporal emulator, the batch worker and gRPC server in process, the real gateway with its
/// simulated provider over loopback, and real Redis behind the gateway's limiter.
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class BatchJobTests(BatchEnvironment environment) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartBatch_TwoThousandRows_WritesExactlyOneRecordPerRow()
    {
        await using var gateway = await environment.StartGatewayAsync();
        // Five batches per run: the 20 batches take four runs, so continue-as-new is part of the path.
        await using var service = await environment.StartServiceAsync(gateway, new() { ["Batch:BatchesPerRun"] = "5" });
        var request = Request("e2e-2000", WriteRows(2000), batchSize: 100, window: 4, rowConcurrency: 16);

        var start = await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.False(start.AlreadyExisted);
        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(2000, status.RowsTotal);
        Assert.Equal(2000, status.RowsSucceeded);
        Assert.Equal(0, status.RowsFailed);
        Assert.Equal(0, status.RowsPending);
        Assert.Equal(20, status.BatchesCompleted);
        Assert.True(status.TokensUsed > 0);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), records.Select(r => r.Row).Order());
        Assert.Equal(2000, records.Select(r => r.RowId).Distinct().Count());
        Assert.All(records, r => Assert.Equal("succeeded", r.Status));
        Assert.Equal(status.TokensUsed, records.Sum(r => r.PromptTokens + r.CompletionTokens));
        var manifest = OutputReader.Manifest(request.OutputLocation);
        Assert.Equal("completed", manifest.GetProperty("status").GetString());
        Assert.Equal(2000, manifest.GetProperty("rows_succeeded").GetInt64());
        Assert.Equal(20, manifest.GetProperty("parts").GetArrayLength());
    }

    [Fact]
    public async Task StartBatch_InjectedRateLimitsAndServerErrors_CompletesWithNoFailedRows()
    {
        await using var gateway = await environment.StartGatewayAsync(rateLimitFaultRate: 0.10, serverErrorFaultRate: 0.02);
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("faults-600", WriteRows(600), batchSize: 100, window: 3, rowConcurrency: 16);
        request.RowRetryLimit = 5;

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(600, status.RowsSucceeded);
        Assert.Equal(0, status.RowsFailed);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(600, records.Select(r => r.Row).Distinct().Count());
        Assert.Equal(600, records.Count);
        // The faults really happened: some rows needed more than one call.
        Assert.Contains(records, r => r.Attempts > 1);
    }

    [Fact]
    public async Task StartBatch_WorkerRestartedMidJob_CompletesWithoutLostDuplicatedOrRedoneBatches()
    {
        // 400 rows a batch, two at a time, 50 ms each: about 10 s per batch, so the worker stops well inside one.
        await using var gateway = await environment.StartGatewayAsync(latency: TimeSpan.FromMilliseconds(50));
        var counter = new RowCallCounter();
        // A generous heartbeat timeout (no attempt times out on a busy machine) with checkpoints sent to Temporal
        // at once rather than every 0.8 x the timeout.
        var settings = new Dictionary<string, string?>
        {
            ["Batch:PartHeartbeatTimeout"] = "00:00:10",
            ["Batch:HeartbeatThrottleInterval"] = "00:00:00.100",
        };
        var request = Request("restart-1600", WriteRows(1600), batchSize: 400, window: 2, rowConcurrency: 2);
        var finishedBeforeRestart = new List<string>();
        await using (var first = await environment.StartServiceAsync(gateway, settings, counter))
        {
            await first.Client.StartBatchAsync(request);
            // Stop the worker once a batch is whole and Temporal holds a checkpoint of one in flight that is well
            // under way but far from done: what the stop must not lose is then known to the server.
            await Poll.UntilAsync(
                async () => (await first.Client.GetBatchAsync(new GetBatchRequest { JobId = request.JobId })).BatchesCompleted >= 1
                    && await CheckpointedRowsInFlightAsync(request.JobId, 4) is > 0 and < 300,
                TimeSpan.FromSeconds(120),
                "a whole batch and a checkpoint of one in flight");
            finishedBeforeRestart.AddRange(OutputReader.PartFiles(request.OutputLocation));
        }

        var callsBeforeRestart = counter.Total;
        await using var second = await environment.StartServiceAsync(gateway, settings, counter);
        var status = await BatchWaits.UntilTerminalAsync(second.Client, request.JobId, TimeSpan.FromSeconds(180));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(1600, status.RowsSucceeded);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(Enumerable.Range(0, 1600).Select(i => (long)i), records.Select(r => r.Row).Order());
        Assert.NotEmpty(finishedBeforeRestart);
        Assert.True(callsBeforeRestart < 1600, $"the restart came after all {callsBeforeRestart} calls");

        // Batches finished before the restart were not redone: each of their rows was called once, and
        // their child workflows finished on the first activity attempt.
        foreach (var part in finishedBeforeRestart)
        {
            Assert.All(OutputReader.Read(part), r => Assert.Equal(1, counter.Calls[Prompt(r.RowId!)]));
        }

        var parts = new List<BatchPartResult>();
        for (var i = 0; i < 4; i++)
        {
            parts.Add(await environment.Emulator.Client
                .GetWorkflowHandle($"batch-{request.JobId}/part-{i:D6}")
                .GetResultAsync<BatchPartResult>());
        }

        Assert.All(parts.Where(p => finishedBeforeRestart.Contains(p.PartPath)), p => Assert.Equal(1, p.Attempt));
        // A batch cut off mid-way resumed from its heartbeat checkpoint, not from its first row, and the
        // rows before that checkpoint were called exactly once.
        var resumed = parts.Where(p => p.Attempt > 1 && p.ResumedFromRow > 0).ToList();
        Assert.NotEmpty(resumed);
        foreach (var part in resumed)
        {
            Assert.All(OutputReader.Read(part.PartPath).Where(r => r.Row < (part.PartIndex * 400) + part.ResumedFromRow),
                r => Assert.Equal(1, counter.Calls[Prompt(r.RowId!)]));
        }
    }

    [Fact]
    public async Task StartBatch_OnePercentMalformedRows_FailsOnlyThoseRowsWithClearErrors()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var lines = Enumerable.Range(0, 1000).Select(i => (i % 100) switch
        {
            7 => "{\"id\":\"r" + i + "\",\"text\":",       // broken JSON
            37 => "{\"text\":\"no id " + i + "\"}",          // no row id
            77 => "{\"id\":\"r" + i + "\",\"body\":\"x\"}", // no field for the template
            _ => RowJson(i),
        });
        var malformed = Enumerable.Range(0, 1000).Count(i => i % 100 is 7 or 37 or 77);
        var request = Request("malformed-1000", _dir.Write("malformed.jsonl", string.Join('\n', lines)), batchSize: 100, window: 4, rowConcurrency: 16);

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(malformed, status.RowsFailed);
        Assert.Equal(1000 - malformed, status.RowsSucceeded);
        var failed = OutputReader.ReadAll(request.OutputLocation).Where(r => r.Status == "failed").ToList();
        Assert.Equal(malformed, failed.Count);
        Assert.All(failed, r => Assert.Contains(r.ErrorKind, new[] { "malformed_row", "missing_field" }));
        Assert.All(failed, r => Assert.Equal(r.Row + 1, r.Line));
        Assert.Contains(failed, r => r.Error!.Contains("no row id (field 'id' is missing or empty)", StringComparison.Ordinal) && r.RowId is null);
        Assert.Contains(failed, r => r.Error!.Contains("no field 'text'", StringComparison.Ordinal) && r.RowId == $"r{r.Row}");
        // Broken JSON after the id: the row keeps its real id, and the error says where in plain words.
        var broken = failed.Single(r => r.Row == 107);
        Assert.Equal("r107", broken.RowId);
        Assert.StartsWith("malformed JSON at line 108, column ", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBatch_SameJobIdSameRequest_ReturnsTheExistingJob()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("idempotent", WriteRows(50), batchSize: 25, window: 2, rowConcurrency: 4);

        var first = await service.Client.StartBatchAsync(request);
        var second = await service.Client.StartBatchAsync(request.Clone());
        await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(60));
        var third = await service.Client.StartBatchAsync(request.Clone());
        var status = await service.Client.GetBatchAsync(new GetBatchRequest { JobId = request.JobId });

        Assert.False(first.AlreadyExisted);
        Assert.True(second.AlreadyExisted);
        Assert.True(third.AlreadyExisted);
        Assert.Equal(first.WorkflowId, second.WorkflowId);
        Assert.Equal(2, status.BatchesTotal);
        Assert.Equal(50, OutputReader.ReadAll(request.OutputLocation).Count);
    }

    [Fact]
    public async Task StartBatch_SameJobIdDifferentRequest_AnswersAlreadyExistsNamingTheDifference()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("reused-id", WriteRows(50), batchSize: 25, window: 2, rowConcurrency: 4);
        var changed = request.Clone();
        changed.BatchSize = 5;
        changed.Input.Location = WriteRows(10, "other.jsonl");

        await service.Client.StartBatchAsync(request);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await service.Client.StartBatchAsync(changed));
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(60));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("batch_size (was 25, now 5)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("input.location", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, status.BatchesTotal);
        Assert.Equal(50, status.RowsSucceeded);
    }

    [Fact]
    public async Task StartBatch_OutputFolderOfAnotherJob_AnswersFailedPreconditionAndLeavesItsOutput()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var first = Request("owner", WriteRows(20), batchSize: 10, window: 2, rowConcurrency: 4);
        await service.Client.StartBatchAsync(first);
        await BatchWaits.UntilTerminalAsync(service.Client, first.JobId, TimeSpan.FromSeconds(60));
        var manifestBefore = File.ReadAllText(Path.Combine(first.OutputLocation, "manifest.json"));
        var partBefore = File.ReadAllText(OutputReader.PartFiles(first.OutputLocation)[0]);

        var errors = new List<RpcException>();
        foreach (var folder in new[] { first.OutputLocation, Path.Combine(first.OutputLocation, "inner"), _dir.Path })
        {
            var intruder = Request("intruder", WriteRows(5, "intruder.jsonl"), batchSize: 10, window: 1, rowConcurrency: 1);
            intruder.OutputLocation = folder;
            errors.Add(await Assert.ThrowsAsync<RpcException>(async () => await service.Client.StartBatchAsync(intruder)));
        }

        Assert.All(errors, e => Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode));
        Assert.All(errors, e => Assert.StartsWith("output_location:", e.Status.Detail, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Contains($"job '{first.JobId}'", e.Status.Detail, StringComparison.Ordinal));
        Assert.Equal(manifestBefore, File.ReadAllText(Path.Combine(first.OutputLocation, "manifest.json")));
        Assert.Equal(partBefore, File.ReadAllText(OutputReader.PartFiles(first.OutputLocation)[0]));
        var status = await service.Client.GetBatchAsync(new GetBatchRequest { JobId = first.JobId });
        Assert.Equal(Path.Combine(first.OutputLocation, "manifest.json"), status.ManifestLocation);
        Assert.Contains(first.JobId, File.ReadAllText(status.ManifestLocation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelBatch_MidRun_StopsNewBatchesAndLeavesConsistentPartialOutput()
    {
        // 100 ms a row and 4 rows in flight: the whole job would take 50 s, so the cancel lands mid-run even when
        // a loaded machine stalls the progress polling for many seconds; a batch in flight still ends in 2.5 s.
        await using var gateway = await environment.StartGatewayAsync(latency: TimeSpan.FromMilliseconds(100));
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("cancel-2000", WriteRows(2000), batchSize: 50, window: 2, rowConcurrency: 2);

        await service.Client.StartBatchAsync(request);
        await Poll.UntilAsync(
            async () => (await service.Client.GetBatchAsync(new GetBatchRequest { JobId = request.JobId })).BatchesCompleted >= 2,
            TimeSpan.FromSeconds(60));
        var cancel = await service.Client.CancelBatchAsync(new CancelBatchRequest { JobId = request.JobId, Reason = "test" });
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(60));

        Assert.NotEqual(BatchState.Completed, cancel.Status.State);
        Assert.Equal(BatchState.Cancelled, status.State);
        Assert.Contains("test", status.Message, StringComparison.Ordinal);
        Assert.True(status.RowsPending > 0);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(status.RowsSucceeded, records.Count);
        Assert.Equal(status.BatchesCompleted * 50, records.Count);
        var manifest = OutputReader.Manifest(request.OutputLocation);
        Assert.Equal("cancelled", manifest.GetProperty("status").GetString());
        Assert.Equal(2000 - records.Count, manifest.GetProperty("rows_not_processed").GetInt64());
        var notProcessed = manifest.GetProperty("not_processed").EnumerateArray().Sum(r => r.GetProperty("rows").GetInt64());
        Assert.Equal(2000 - records.Count, notProcessed);
        Assert.Empty(Directory.GetFiles(Path.Combine(request.OutputLocation, "parts"), "*.tmp"));
    }

    [Fact]
    public async Task StartBatch_TokenBudget_StopsBeforeOverspending()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var probe = Request("budget-probe", WriteRows(100, "probe.jsonl"), batchSize: 100, window: 1, rowConcurrency: 8);
        await service.Client.StartBatchAsync(probe);
        var full = await BatchWaits.UntilTerminalAsync(service.Client, probe.JobId, TimeSpan.FromSeconds(60));
        var budget = full.TokensUsed * 3; // about 300 of 1,000 rows
        var request = Request("budget-1000", WriteRows(1000), batchSize: 50, window: 2, rowConcurrency: 8);
        request.TokenBudget = budget;

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(60));

        Assert.Equal(BatchState.BudgetExhausted, status.State);
        Assert.True(status.TokensUsed <= budget, $"spent {status.TokensUsed} of {budget}");
        Assert.InRange(status.RowsSucceeded, 1, 999);
        Assert.Equal(0, status.RowsFailed);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(status.RowsSucceeded + status.RowsSkipped, records.Count);
        Assert.Equal("budget_exhausted", OutputReader.Manifest(request.OutputLocation).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WatchBatch_RunningJob_StreamsProgressUntilCompleted()
    {
        // About 15 s of work (1,200 rows, 4 calls at a time, 50 ms each), so a watch whose first look comes late on
        // a loaded machine still sees the job running; with 10 ms calls it could finish before the first look.
        await using var gateway = await environment.StartGatewayAsync(latency: TimeSpan.FromMilliseconds(50));
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("watch-1200", WriteRows(1200), batchSize: 50, window: 2, rowConcurrency: 2);
        await service.Client.StartBatchAsync(request);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var call = service.Client.WatchBatch(new WatchBatchRequest { JobId = request.JobId }, cancellationToken: deadline.Token);
        var updates = new List<BatchStatus>();
        await foreach (var update in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count >= 3, $"only {updates.Count} updates");
        Assert.Equal(BatchState.Completed, updates[^1].State);
        Assert.Equal(1200, updates[^1].RowsSucceeded);
        Assert.Equal(updates.Select(u => u.RowsSucceeded).Order(), updates.Select(u => u.RowsSucceeded));
        Assert.Contains(updates, u => u.State == BatchState.Running && u.RowsSucceeded is > 0 and < 1200);
    }

    [Fact]
    public async Task StartBatch_InvalidRequests_AnswerInvalidArgumentNamingTheField()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var valid = Request("valid", WriteRows(3), batchSize: 10, window: 1, rowConcurrency: 1);
        var cases = new (string Field, Action<StartBatchRequest> Break)[]
        {
            ("job_id", r => r.JobId = "bad id!"),
            ("input", r => r.Input = null),
            ("input.location", r => r.Input.Location = ""),
            ("input.location", r => r.Input.Location = "s3://bucket/rows.jsonl"),
            ("input.row_id_column", r => r.Input.RowIdColumn = ""),
            ("task.kind", r => r.Task.Kind = TaskKind.Unspecified),
            ("task.prompt_template", r => r.Task.PromptTemplate = "Hello {{name"),
            ("task.json_schema", r => r.Task.JsonSchema = "{not json"),
            ("model", r => r.Model = ""),
            ("batch_size", r => r.BatchSize = -1),
            ("max_concurrent_batches", r => r.MaxConcurrentBatches = -3),
            ("row_retry_limit", r => r.RowRetryLimit = -1),
            ("token_budget", r => r.TokenBudget = 0),
            ("output_location", r => r.OutputLocation = ""),
        };

        foreach (var (field, breakIt) in cases)
        {
            var request = valid.Clone();
            breakIt(request);
            var error = await Assert.ThrowsAsync<RpcException>(async () => await service.Client.StartBatchAsync(request));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
        }

        var missing = valid.Clone();
        missing.Input.Location = _dir.File("missing.jsonl");
        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await service.Client.StartBatchAsync(missing));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.StartsWith("input.location:", notFound.Status.Detail, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await service.Client.GetBatchAsync(new GetBatchRequest { JobId = "no-such-job" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("no-such-model", TaskKind.Chat, "does not serve a model 'no-such-model'")]
    [InlineData("sim-embed", TaskKind.Chat, "'sim-embed' does not serve chat.completions")]
    public async Task StartBatch_ModelUnknownOrWrongForTheTask_AnswersInvalidArgumentAndStartsNothing(string model, TaskKind kind, string expected)
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("model-check", WriteRows(5), batchSize: 10, window: 1, rowConcurrency: 1);
        request.Model = model;
        request.Task.Kind = kind;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await service.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("model: ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(request.OutputLocation));
    }

    [Fact]
    public async Task StartBatch_EveryRowFails_StopsEarlyAsFailedWithTheMostCommonError()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway, new() { ["Batch:FailFastAllFailedRows"] = "40" });
        var request = Request("all-fail", WriteRows(2000), batchSize: 20, window: 2, rowConcurrency: 4);
        request.Task.PromptTemplate = "Summarise: {{body}}";

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Failed, status.State);
        Assert.StartsWith("stopped: the first ", status.Message, StringComparison.Ordinal);
        Assert.Contains("most common error: missing_field in ", status.Message, StringComparison.Ordinal);
        Assert.Contains("no field 'body'", status.Message, StringComparison.Ordinal);
        Assert.InRange(status.RowsFailed, 40, 200);
        Assert.True(status.RowsPending > 1500, $"{status.RowsPending} rows pending");
        var manifest = OutputReader.Manifest(request.OutputLocation);
        Assert.Equal("failed", manifest.GetProperty("status").GetString());
        Assert.Equal("missing_field", manifest.GetProperty("errors")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task StartBatch_RepeatedRowIds_FailsAtPlanningNamingThem()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("dups", _dir.Write("dups.jsonl", RowJson(1) + "\n" + RowJson(2) + "\n" + RowJson(1) + "\n"), batchSize: 10, window: 1, rowConcurrency: 1);

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(60));

        Assert.Equal(BatchState.Failed, status.State);
        Assert.Contains("row ids repeat: 'r1' on lines 1, 3", status.Message, StringComparison.Ordinal);
        Assert.Empty(OutputReader.PartFiles(request.OutputLocation));
    }

    [Fact]
    public async Task ListBatches_AfterTwoJobs_ListsBoth()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var first = Request("list-a", WriteRows(20, "a.jsonl"), batchSize: 10, window: 2, rowConcurrency: 4);
        var second = Request("list-b", WriteRows(20, "b.jsonl"), batchSize: 10, window: 2, rowConcurrency: 4);
        await service.Client.StartBatchAsync(first);
        await service.Client.StartBatchAsync(second);
        await BatchWaits.UntilTerminalAsync(service.Client, first.JobId, TimeSpan.FromSeconds(60));
        await BatchWaits.UntilTerminalAsync(service.Client, second.JobId, TimeSpan.FromSeconds(60));

        // Servers without a visibility store answer from the jobs this instance started (complete = false).
        var list = await service.Client.ListBatchesAsync(new ListBatchesRequest { PageSize = 1000 });

        var listed = list.Batches.ToDictionary(b => b.JobId);
        Assert.Equal(BatchState.Completed, listed[first.JobId].State);
        Assert.Equal(BatchState.Completed, listed[second.JobId].State);
    }

    /// <summary>The most rows any running batch of the job has checkpointed, as Temporal holds it (its last heartbeat).</summary>
    private async Task<int> CheckpointedRowsInFlightAsync(string jobId, int parts)
    {
        var most = 0;
        for (var part = 0; part < parts; part++)
        {
            try
            {
                var client = environment.Emulator.Client;
                var description = await client.WorkflowService.DescribeWorkflowExecutionAsync(new DescribeWorkflowExecutionRequest
                {
                    Namespace = client.Options.Namespace,
                    Execution = new WorkflowExecution { WorkflowId = $"batch-{jobId}/part-{part:D6}" },
                });
                foreach (var activity in description.PendingActivities)
                {
                    if (activity.HeartbeatDetails?.Payloads_.Count > 0)
                    {
                        var checkpoint = await environment.Emulator.Client.Options.DataConverter
                            .ToValueAsync<PartCheckpoint>(activity.HeartbeatDetails.Payloads_[0]);
                        most = Math.Max(most, checkpoint.RowsDone);
                    }
                }
            }
            catch (Temporalio.Exceptions.RpcException e) when (e.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound)
            {
                // Not started yet.
            }
        }

        return most;
    }

    private StartBatchRequest Request(string jobId, string inputPath, int batchSize, int window, int rowConcurrency)
    {
        var unique = $"{jobId}-{Guid.NewGuid():N}"[..Math.Min(jobId.Length + 9, 128)];
        return new StartBatchRequest
        {
            JobId = unique,
            Input = new BatchInput { Location = inputPath, Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 16 },
            Model = BatchEnvironment.ChatModel,
            BatchSize = batchSize,
            MaxConcurrentBatches = window,
            RowConcurrency = rowConcurrency,
            OutputLocation = _dir.File("out-" + unique),
        };
    }

    private string WriteRows(int count, string name = "rows.jsonl") =>
        _dir.Write(name, string.Join('\n', Enumerable.Range(0, count).Select(RowJson)) + "\n");

    private static string RowJson(int i) => JsonSerializer.Serialize(new { id = $"r{i}", text = $"row number {i}" });

    private static string Prompt(string rowId) => $"Summarise: row number {rowId[1..]}";
}
