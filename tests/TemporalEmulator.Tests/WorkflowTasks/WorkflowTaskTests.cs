using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.WorkflowTasks;

public class WorkflowTaskTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker(string name, Action<TemporalWorkerOptions> register)
    {
        var options = new TemporalWorkerOptions(_taskQueue).AddAllActivities(new StepActivities(name));
        register(options);
        return new TemporalWorker(_client, options);
    }

    [Fact]
    public async Task Workflow_WorkerReplaced_ResumesOnNewWorkerFromHistory()
    {
        var id = Unique.WorkflowId();
        var handle = await _client.StartWorkflowAsync((ResumableWorkflow wf) => wf.RunAsync(new ResumableInput(2)), new WorkflowOptions(id, _taskQueue));

        using (var first = NewWorker("first", o => o.AddWorkflow<ResumableWorkflow>()))
        {
            await first.ExecuteAsync(async () =>
            {
                await handle.SignalAsync(wf => wf.AddItemAsync(new AddItemSignal("a")));
                await handle.WaitForEventAsync(EventType.ActivityTaskCompleted);
                await handle.WaitForEventAsync(EventType.WorkflowTaskCompleted, 2);
            });
        }

        // No worker now: the signal waits in history for whoever polls next.
        await handle.SignalAsync(wf => wf.AddItemAsync(new AddItemSignal("b")));
        using var second = NewWorker("second", o => o.AddWorkflow<ResumableWorkflow>());
        var result = await second.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        Assert.Equal(new StepOutput("before", "first"), result.Before);
        Assert.Equal(["a", "b"], result.Items);
        Assert.Equal(new StepOutput("after", "second"), result.After);
    }

    [Fact]
    public async Task Workflow_ThrowsNonTemporalException_WorkflowTaskFailsThenRetries()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker("w", o => o.AddWorkflow<FlakyWorkflow>());

        var (handle, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await _client.StartWorkflowAsync((FlakyWorkflow wf) => wf.RunAsync(new FlakyInput(1)), new WorkflowOptions(id, _taskQueue));
            return (h, await h.GetResultAsync().WithDeadline());
        });

        Assert.Equal(2, result.Executions);
        var events = await handle.EventsAsync();
        var failed = Assert.Single(events.OfType(EventType.WorkflowTaskFailed));
        Assert.Contains("flaky execution 1", failed.WorkflowTaskFailedEventAttributes.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(EventType.WorkflowExecutionCompleted, events[^1].EventType);
        var description = await handle.DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.Completed, description.Status);
    }

    [Fact]
    public async Task Workflow_FailsRepeatedly_ServerRetriesWithGrowingAttempt()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker("w", o => o.AddWorkflow<FlakyWorkflow>());

        // Core reports only the first failure; the server notices later ones by the task timeout, kept short here.
        var handle = await _client.StartWorkflowAsync(
            (FlakyWorkflow wf) => wf.RunAsync(new FlakyInput(3)),
            new WorkflowOptions(id, _taskQueue) { TaskTimeout = TimeSpan.FromSeconds(2) });
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        // Four executions at least; a slow machine may also time out a task that was about to succeed.
        Assert.True(result.Executions >= 4, $"{result.Executions} executions");
        var events = await handle.EventsAsync();
        Assert.Single(events.OfType(EventType.WorkflowTaskFailed));
        Assert.Equal(result.Executions, events.OfType(EventType.WorkflowTaskScheduled).Last().WorkflowTaskScheduledEventAttributes.Attempt);
        Assert.Equal(EventType.WorkflowExecutionCompleted, events[^1].EventType);
    }

    [Fact]
    public async Task Query_WorkflowTaskKeepsFailing_FailsAtOnceInsteadOfWaiting()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker("w", o => o.AddWorkflow<FlakyWorkflow>());

        var error = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (FlakyWorkflow wf) => wf.RunAsync(new FlakyInput(1000)),
                new WorkflowOptions(id, _taskQueue) { TaskTimeout = TimeSpan.FromSeconds(1) });
            await Agentic.Testing.Poll.UntilAsync(
                async () => (await handle.EventsAsync()).OfType(EventType.WorkflowTaskScheduled).Any(e => e.WorkflowTaskScheduledEventAttributes.Attempt >= 3),
                Deadlines.Result,
                "the third attempt of the failing workflow task");
            // The server fails a query fast from the third attempt on; before, it waited out the caller's deadline.
            var e = await Assert.ThrowsAsync<RpcException>(() => handle.QueryAsync<string>("Anything", []).WithDeadline(TimeSpan.FromSeconds(20)));
            await handle.TerminateAsync("done");
            return e;
        });

        Assert.Equal(RpcException.StatusCode.FailedPrecondition, error.Code);
        Assert.Contains("Workflow Task in failed state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteWorkflow_SignalArrivedDuringTask_RejectedAsUnhandledThenRetried()
    {
        var gate = new GateActivities();
        using var worker = new TemporalWorker(
            _client, new TemporalWorkerOptions(_taskQueue).AddAllActivities(gate).AddWorkflow<GatedWorkflow>());

        var (handle, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await _client.StartWorkflowAsync((GatedWorkflow wf) => wf.RunAsync(new StepInput("gated")), new WorkflowOptions(Unique.WorkflowId(), _taskQueue));
            // The local activity runs inside the first workflow task, so this signal lands while that task is open.
            await gate.Entered.WithDeadline();
            await h.SignalAsync(wf => wf.NoteAsync(new AddItemSignal("during the task")));
            gate.Open();
            return (h, await h.GetResultAsync().WithDeadline());
        });

        Assert.Equal(["during the task"], result.Signals);
        var events = await handle.EventsAsync();
        var failed = Assert.Single(events.OfType(EventType.WorkflowTaskFailed));
        Assert.Equal(WorkflowTaskFailedCause.UnhandledCommand, failed.WorkflowTaskFailedEventAttributes.Cause);
        Assert.True(
            events.OfType(EventType.WorkflowExecutionSignaled).Single().EventId > failed.EventId,
            "the buffered signal was written before the failed task's outcome");
        await HistoryAssert.ReplaysAsync(handle, o => o.AddWorkflow<GatedWorkflow>());
    }

    [Fact]
    public async Task ContinueAsNewSuggested_HistoryPastServerLimit_SuggestedFromThenOn()
    {
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<GrowthWorkflow>());

        var handle = await _client.StartWorkflowAsync((GrowthWorkflow wf) => wf.RunAsync(new GrowthInput(500)), new WorkflowOptions(Unique.WorkflowId(), _taskQueue));
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline(TimeSpan.FromSeconds(90)));

        // The server suggests continue-as-new once the history holds 4096 events (its default limit).
        Assert.True(result.HistoryLength > 4096, $"suggested at {result.HistoryLength} events");
        Assert.True(result.HistorySize > 0);
        var started = (await handle.EventsAsync()).OfType(EventType.WorkflowTaskStarted).ToList();
        Assert.All(started, e => Assert.Equal(e.EventId - 1 >= 4096, e.WorkflowTaskStartedEventAttributes.SuggestContinueAsNew));
        Assert.True(started[^1].WorkflowTaskStartedEventAttributes.HistorySizeBytes > started[0].WorkflowTaskStartedEventAttributes.HistorySizeBytes);
    }

    [Fact]
    public async Task Patched_OldAndNewRuns_TakeTheirOwnPaths()
    {
        var runA = Unique.WorkflowId("patch-a");
        var runB = Unique.WorkflowId("patch-b");
        var runC = Unique.WorkflowId("patch-c");
        WorkflowHandle<PatchWorkflowV1, PatchOutput> a;
        WorkflowHandle<PatchWorkflowV2, PatchOutput> b;
        PatchOutput resultA;

        using (var v1 = NewWorker("v1", o => o.AddWorkflow<PatchWorkflowV1>()))
        {
            a = await v1.ExecuteAsync(async () =>
            {
                var h = await _client.StartWorkflowAsync((PatchWorkflowV1 wf) => wf.RunAsync(new PatchInput("a")), new WorkflowOptions(runA, _taskQueue));
                await h.WaitForEventAsync(EventType.WorkflowTaskCompleted);
                return h;
            });
        }

        using (var v2 = NewWorker("v2", o => o.AddWorkflow<PatchWorkflowV2>()))
        {
            (b, resultA) = await v2.ExecuteAsync(async () =>
            {
                var h = await _client.StartWorkflowAsync((PatchWorkflowV2 wf) => wf.RunAsync(new PatchInput("b")), new WorkflowOptions(runB, _taskQueue));
                await h.WaitForEventAsync(EventType.WorkflowTaskCompleted);
                await a.SignalAsync(wf => wf.ReleaseAsync(new PatchReleaseSignal("go")));
                return (h, await a.GetResultAsync().WithDeadline());
            });
        }

        PatchOutput resultB, resultC;
        using (var v3 = NewWorker("v3", o => o.AddWorkflow<PatchWorkflowV3>()))
        {
            (resultB, resultC) = await v3.ExecuteAsync(async () =>
            {
                await b.SignalAsync(wf => wf.ReleaseAsync(new PatchReleaseSignal("go")));
                var rb = await b.GetResultAsync().WithDeadline();
                var c = await _client.StartWorkflowAsync((PatchWorkflowV3 wf) => wf.RunAsync(new PatchInput("c")), new WorkflowOptions(runC, _taskQueue));
                await c.SignalAsync(wf => wf.ReleaseAsync(new PatchReleaseSignal("go")));
                return (rb, await c.GetResultAsync().WithDeadline());
            });
        }

        Assert.Equal("old", resultA.Path);
        Assert.Equal("new", resultB.Path);
        Assert.Equal("new", resultC.Path);
        Assert.Empty((await a.EventsAsync()).OfType(EventType.MarkerRecorded));
        var marker = Assert.Single((await b.EventsAsync()).OfType(EventType.MarkerRecorded));
        Assert.Equal("core_patch", marker.MarkerRecordedEventAttributes.MarkerName);
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<PatchWorkflowV3>());
        var replayB = await replayer.ReplayWorkflowAsync(await b.FetchHistoryAsync(), throwOnReplayFailure: false);
        Assert.Null(replayB.ReplayFailure);
    }

    [Fact]
    public async Task WorkflowReplayer_FetchedHistory_ReplaysAndDetectsChangedCode()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker("w", o => o.AddWorkflow<ReplayWorkflow>());
        var handle = await _client.StartWorkflowAsync((ReplayWorkflow wf) => wf.RunAsync(new ReplayInput("replayed")), new WorkflowOptions(id, _taskQueue));
        var result = await worker.ExecuteAsync(async () =>
        {
            await handle.SignalAsync(wf => wf.AddAsync(new AddItemSignal("sig")));
            return await handle.GetResultAsync().WithDeadline();
        });
        Assert.Equal(new ReplayOutput("replayed", "sig"), result);

        var history = await handle.FetchHistoryAsync();
        var same = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<ReplayWorkflow>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        var changed = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<ChangedReplayWorkflow>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);

        Assert.Null(same.ReplayFailure);
        Assert.IsType<WorkflowNondeterminismException>(changed.ReplayFailure);
        Assert.Contains(history.Events, e => e.EventType == EventType.TimerFired);
        Assert.Contains(history.Events, e => e.EventType == EventType.WorkflowExecutionSignaled);
    }
}
