using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Commands;

public class CommandTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();
    private readonly CommandActivities _activities = new();

    private TemporalWorker NewWorker() => new(
        _client,
        new TemporalWorkerOptions(_taskQueue)
            .AddAllActivities(_activities)
            .AddWorkflow<ActivityWorkflow>()
            .AddWorkflow<TimerWorkflow>()
            .AddWorkflow<OutcomeWorkflow>()
            .AddWorkflow<ChainWorkflow>()
            .AddWorkflow<ReceiverWorkflow>()
            .AddWorkflow<SenderWorkflow>()
            .AddWorkflow<MarkerWorkflow>()
            .AddWorkflow<SlowLocalActivityWorkflow>()
            .AddWorkflow<UpsertWorkflow>());

    private static Task ReplayAsync(WorkflowHandle handle) => HistoryAssert.ReplaysAsync(handle, o => o
        .AddWorkflow<ActivityWorkflow>()
        .AddWorkflow<TimerWorkflow>()
        .AddWorkflow<OutcomeWorkflow>()
        .AddWorkflow<ChainWorkflow>()
        .AddWorkflow<ReceiverWorkflow>()
        .AddWorkflow<SenderWorkflow>()
        .AddWorkflow<SlowLocalActivityWorkflow>());

    private WorkflowOptions Options(string? id = null) => new(id ?? Unique.WorkflowId(), _taskQueue);

    [Fact]
    public async Task ScheduleActivity_TwoInSequence_ResultsAndEventsInOrder()
    {
        using var worker = NewWorker();

        var handle = await _client.StartWorkflowAsync((ActivityWorkflow wf) => wf.RunAsync(new CommandInput("hello")), Options());
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        Assert.Equal("HELLO!", result.Text);
        Assert.Equal(2, _activities.Calls);
        var events = await handle.EventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.EventId));
        var activityEvents = events
            .Where(e => e.EventType is EventType.ActivityTaskScheduled or EventType.ActivityTaskStarted or EventType.ActivityTaskCompleted)
            .Select(e => e.EventType);
        Assert.Equal(
            [EventType.ActivityTaskScheduled, EventType.ActivityTaskStarted, EventType.ActivityTaskCompleted,
             EventType.ActivityTaskScheduled, EventType.ActivityTaskStarted, EventType.ActivityTaskCompleted],
            activityEvents);
        var completed = events.OfType(EventType.ActivityTaskCompleted).First().ActivityTaskCompletedEventAttributes;
        var scheduled = events.First(e => e.EventId == completed.ScheduledEventId);
        Assert.Equal(EventType.ActivityTaskScheduled, scheduled.EventType);
        Assert.Equal("Shout", scheduled.ActivityTaskScheduledEventAttributes.ActivityType.Name);
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task ScheduleActivity_TwoWorkersOnOneQueue_EachTaskRunsOnce()
    {
        // A second process would have its own client; one client refuses two workers on one queue.
        var otherClient = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(fixture.Emulator.Address) { Namespace = fixture.Emulator.Namespace });
        using var first = NewWorker();
        using var second = new TemporalWorker(
            otherClient, new TemporalWorkerOptions(_taskQueue).AddAllActivities(_activities).AddWorkflow<ActivityWorkflow>());

        var results = await first.ExecuteAsync(() => second.ExecuteAsync(async () =>
        {
            // Started all at once, so both pollers compete for a deep backlog.
            var handles = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
                _client.StartWorkflowAsync((ActivityWorkflow wf) => wf.RunAsync(new CommandInput($"w{i}")), Options())));
            return await Task.WhenAll(handles.Select(h => h.GetResultAsync())).WithDeadline();
        }));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"W{i}!"), results.Select(r => r.Text));
        // Two activities per workflow: a task handed to both pollers would show up as an extra call.
        Assert.Equal(100, _activities.Calls);
    }

    [Fact]
    public async Task Timers_StartFireAndCancel_RecordedInHistory()
    {
        using var worker = NewWorker();

        var handle = await _client.StartWorkflowAsync(
            (TimerWorkflow wf) => wf.RunAsync(new TimerInput(TimeSpan.FromMilliseconds(300), TimeSpan.FromHours(1))), Options());
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        Assert.True(result.CancelObserved);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(300), $"elapsed {result.Elapsed}");
        Assert.True(result.Elapsed < TimeSpan.FromMinutes(59), $"elapsed {result.Elapsed}: the canceled timer was waited for");
        var events = await handle.EventsAsync();
        Assert.Equal(2, events.OfType(EventType.TimerStarted).Count());
        var fired = Assert.Single(events.OfType(EventType.TimerFired));
        var canceled = Assert.Single(events.OfType(EventType.TimerCanceled));
        var firedStart = events.First(e => e.EventId == fired.TimerFiredEventAttributes.StartedEventId);
        Assert.Equal(TimeSpan.FromMilliseconds(300), firedStart.TimerStartedEventAttributes.StartToFireTimeout.ToTimeSpan());
        Assert.True(fired.EventTime.ToDateTime() - firedStart.EventTime.ToDateTime() >= TimeSpan.FromMilliseconds(300));
        var canceledStart = events.First(e => e.EventId == canceled.TimerCanceledEventAttributes.StartedEventId);
        Assert.Equal(TimeSpan.FromHours(1), canceledStart.TimerStartedEventAttributes.StartToFireTimeout.ToTimeSpan());
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task FailWorkflow_ApplicationFailure_ClientSeesTypeAndDetails()
    {
        using var worker = NewWorker();

        var handle = await _client.StartWorkflowAsync((OutcomeWorkflow wf) => wf.RunAsync(new OutcomeInput("fail")), Options());
        var error = await worker.ExecuteAsync(() => Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline()));

        var cause = Assert.IsType<ApplicationFailureException>(error.InnerException);
        Assert.Equal("it broke", cause.Message);
        Assert.Equal("Broken", cause.ErrorType);
        Assert.True(cause.NonRetryable);
        Assert.Equal(new OutcomeDetails("bad input", 7), cause.Details.ElementAt<OutcomeDetails>(0));
        Assert.Equal(WorkflowExecutionStatus.Failed, (await handle.DescribeAsync()).Status);
    }

    [Fact]
    public async Task CancelWorkflow_Waiting_EndsCanceled()
    {
        using var worker = NewWorker();
        var handle = await _client.StartWorkflowAsync((OutcomeWorkflow wf) => wf.RunAsync(new OutcomeInput("wait")), Options());

        var error = await worker.ExecuteAsync(async () =>
        {
            await handle.WaitForEventAsync(EventType.WorkflowTaskCompleted);
            await handle.CancelAsync();
            return await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline());
        });

        Assert.IsType<CanceledFailureException>(error.InnerException);
        Assert.Equal(WorkflowExecutionStatus.Canceled, (await handle.DescribeAsync()).Status);
        var events = await handle.EventsAsync();
        Assert.Single(events.OfType(EventType.WorkflowExecutionCancelRequested));
        Assert.Equal(EventType.WorkflowExecutionCanceled, events[^1].EventType);
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task CancelWorkflow_HandledByCleanup_CompletesNormally()
    {
        using var worker = NewWorker();
        var handle = await _client.StartWorkflowAsync((OutcomeWorkflow wf) => wf.RunAsync(new OutcomeInput("cleanup")), Options());

        var result = await worker.ExecuteAsync(async () =>
        {
            await handle.WaitForEventAsync(EventType.WorkflowTaskCompleted);
            await handle.CancelAsync();
            return await handle.GetResultAsync().WithDeadline();
        });

        Assert.Equal("cleaned up", result.Text);
        Assert.Equal(1, _activities.Calls);
        Assert.Equal(WorkflowExecutionStatus.Completed, (await handle.DescribeAsync()).Status);
    }

    [Fact]
    public async Task ContinueAsNew_ChainOfTen_ResultFollowsChainToLastRun()
    {
        using var worker = NewWorker();
        var id = Unique.WorkflowId("chain");

        var handle = await _client.StartWorkflowAsync((ChainWorkflow wf) => wf.RunAsync(new ChainInput(1, 10, Array.Empty<string>())), Options(id));
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        Assert.Equal(10, result.Run);
        Assert.Equal(10, result.RunIds.Distinct().Count());
        Assert.Equal(handle.ResultRunId, result.RunIds[0]);
        Assert.Equal(result.RunIds[8], result.ContinuedFrom);
        var firstRun = await _client.GetWorkflowHandle(id, result.RunIds[0]).EventsAsync();
        var continued = firstRun[^1];
        Assert.Equal(EventType.WorkflowExecutionContinuedAsNew, continued.EventType);
        Assert.Equal(result.RunIds[1], continued.WorkflowExecutionContinuedAsNewEventAttributes.NewExecutionRunId);
        Assert.Equal(WorkflowExecutionStatus.ContinuedAsNew, (await _client.GetWorkflowHandle(id, result.RunIds[0]).DescribeAsync()).Status);
        var latest = await _client.GetWorkflowHandle(id).DescribeAsync();
        Assert.Equal(result.RunIds[9], latest.RunId);
        Assert.Equal(WorkflowExecutionStatus.Completed, latest.Status);
        var lastRun = await _client.GetWorkflowHandle(id, result.RunIds[9]).EventsAsync();
        Assert.Equal(result.RunIds[0], lastRun[0].WorkflowExecutionStartedEventAttributes.FirstExecutionRunId);
        Assert.Equal(result.RunIds[8], lastRun[0].WorkflowExecutionStartedEventAttributes.ContinuedExecutionRunId);
        await ReplayAsync(_client.GetWorkflowHandle(id, result.RunIds[0]));
        await ReplayAsync(_client.GetWorkflowHandle(id, result.RunIds[9]));
    }

    [Fact]
    public async Task SignalExternalWorkflow_Running_ReceiverGetsSignal()
    {
        using var worker = NewWorker();
        var receiverId = Unique.WorkflowId("receiver");
        var senderId = Unique.WorkflowId("sender");

        var (receiverResult, senderResult, receiver, sender) = await worker.ExecuteAsync(async () =>
        {
            var r = await _client.StartWorkflowAsync((ReceiverWorkflow wf) => wf.RunAsync(new CommandInput("wait")), Options(receiverId));
            var s = await _client.StartWorkflowAsync((SenderWorkflow wf) => wf.RunAsync(new ExternalTarget(receiverId, "signal")), Options(senderId));
            return (await r.GetResultAsync().WithDeadline(), await s.GetResultAsync().WithDeadline(), r, s);
        });

        Assert.Equal($"hello from {senderId}", receiverResult.Text);
        Assert.Equal("sent", senderResult.Text);
        var signaled = Assert.Single((await receiver.EventsAsync()).OfType(EventType.WorkflowExecutionSignaled));
        Assert.Equal(senderId, signaled.WorkflowExecutionSignaledEventAttributes.ExternalWorkflowExecution.WorkflowId);
        var senderEvents = await sender.EventsAsync();
        Assert.Single(senderEvents.OfType(EventType.SignalExternalWorkflowExecutionInitiated));
        Assert.Single(senderEvents.OfType(EventType.ExternalWorkflowExecutionSignaled));
        await ReplayAsync(sender);
        await ReplayAsync(receiver);
    }

    [Fact]
    public async Task RequestCancelExternalWorkflow_Running_ReceiverCanceled()
    {
        using var worker = NewWorker();
        var receiverId = Unique.WorkflowId("receiver");

        var (error, sender) = await worker.ExecuteAsync(async () =>
        {
            var r = await _client.StartWorkflowAsync((ReceiverWorkflow wf) => wf.RunAsync(new CommandInput("wait")), Options(receiverId));
            var s = await _client.StartWorkflowAsync((SenderWorkflow wf) => wf.RunAsync(new ExternalTarget(receiverId, "cancel")), Options());
            await s.GetResultAsync().WithDeadline();
            return (await Assert.ThrowsAsync<WorkflowFailedException>(() => r.GetResultAsync().WithDeadline()), s);
        });

        Assert.IsType<CanceledFailureException>(error.InnerException);
        var senderEvents = await sender.EventsAsync();
        Assert.Single(senderEvents.OfType(EventType.RequestCancelExternalWorkflowExecutionInitiated));
        Assert.Single(senderEvents.OfType(EventType.ExternalWorkflowExecutionCancelRequested));
        await ReplayAsync(sender);
    }

    [Fact]
    public async Task RecordMarker_LocalActivityAndPatch_MarkersInHistoryAndReplay()
    {
        using var worker = NewWorker();

        var handle = await _client.StartWorkflowAsync((MarkerWorkflow wf) => wf.RunAsync(new CommandInput("local")), Options());
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        Assert.Equal("LOCAL:True", result.Text);
        var markers = (await handle.EventsAsync()).OfType(EventType.MarkerRecorded)
            .Select(e => e.MarkerRecordedEventAttributes.MarkerName).ToList();
        Assert.Equal(["core_local_activity", "core_patch"], markers);
        var replay = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<MarkerWorkflow>())
            .ReplayWorkflowAsync(await handle.FetchHistoryAsync(), throwOnReplayFailure: false);
        Assert.Null(replay.ReplayFailure);
        // Replay must use the recorded local activity result, not run the activity again.
        Assert.Equal(1, _activities.Calls);
    }

    [Fact]
    public async Task LocalActivity_LongerThanTaskTimeout_WorkflowTaskHeartbeats()
    {
        using var worker = NewWorker();
        var options = Options();
        options.TaskTimeout = TimeSpan.FromSeconds(5);

        // The worker completes the task with "force new task" at 80 % of its timeout while the local activity runs;
        // without that the run would never finish, each attempt timing out and rerunning the activity.
        var handle = await _client.StartWorkflowAsync((SlowLocalActivityWorkflow wf) => wf.RunAsync(new SlowInput(TimeSpan.FromSeconds(6))), options);
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline(TimeSpan.FromSeconds(90)));

        Assert.Equal("slept 6000 ms", result.Text);
        var events = await handle.EventsAsync();
        var completedTasks = events.OfType(EventType.WorkflowTaskCompleted).Count();
        Assert.True(completedTasks >= 2, $"{completedTasks} completed workflow tasks: the worker did not heartbeat the task");
        // A starved machine can still miss a heartbeat; then the task times out and the activity may run again.
        if (!events.OfType(EventType.WorkflowTaskTimedOut).Any())
        {
            Assert.Equal(1, _activities.Calls);
        }
        Assert.Equal("core_local_activity", Assert.Single(events.OfType(EventType.MarkerRecorded)).MarkerRecordedEventAttributes.MarkerName);
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task UpsertSearchAttributesAndMemo_Running_DescribeShowsNewValues()
    {
        using var worker = NewWorker();
        var options = Options();
        options.Memo = new Dictionary<string, object> { ["removed"] = "soon gone", ["kept"] = "still here" };

        var (description, events, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await _client.StartWorkflowAsync((UpsertWorkflow wf) => wf.RunAsync(new CommandInput("upserted-value")), options);
            await h.WaitForEventAsync(EventType.WorkflowTaskCompleted);
            var d = await h.DescribeAsync();
            await h.SignalAsync(wf => wf.ReleaseAsync(new ExternalSignal("go")));
            var r = await h.GetResultAsync().WithDeadline();
            return (d, await h.EventsAsync(), r);
        });

        Assert.Equal("upserted-value", description.TypedSearchAttributes.Get(TestSearchAttributes.Keyword));
        Assert.Equal(7, description.TypedSearchAttributes.Get(TestSearchAttributes.Number));
        Assert.Equal("upserted", await description.Memo["status"].ToValueAsync<string>());
        Assert.Equal("still here", await description.Memo["kept"].ToValueAsync<string>());
        Assert.False(description.Memo.ContainsKey("removed"));
        Assert.Single(events.OfType(EventType.UpsertWorkflowSearchAttributes));
        Assert.Single(events.OfType(EventType.WorkflowPropertiesModified));
        Assert.Equal("upserted-value", result.Text);
    }
}
