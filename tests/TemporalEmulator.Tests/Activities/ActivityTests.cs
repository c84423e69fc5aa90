using System.Diagnostics;
using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Activities;

public class ActivityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();
    private readonly PlanActivities _activities = new(fixture.Client);

    private TemporalWorker NewWorker() => new(
        _client,
        new TemporalWorkerOptions(_taskQueue).AddAllActivities(_activities).AddWorkflow<ActivityPlanWorkflow>());

    private static Task ReplayAsync(WorkflowHandle handle) => HistoryAssert.ReplaysAsync(handle, o => o.AddWorkflow<ActivityPlanWorkflow>());

    private Task<WorkflowHandle<ActivityPlanWorkflow, ActivityPlanOutput>> StartAsync(ActivityPlan plan) =>
        _client.StartWorkflowAsync((ActivityPlanWorkflow wf) => wf.RunAsync(plan), new WorkflowOptions(Unique.WorkflowId(), _taskQueue));

    private async Task<ActivityPlanOutput> RunAsync(ActivityPlan plan)
    {
        using var worker = NewWorker();
        var handle = await StartAsync(plan);
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());
        await ReplayAsync(handle);
        return result;
    }

    // The workflow lets the activity failure propagate: client sees workflow failure <- activity failure <- cause.
    private async Task<ActivityFailureException> RunToActivityFailureAsync(ActivityPlan plan)
    {
        using var worker = NewWorker();
        var handle = await StartAsync(plan);
        var error = await worker.ExecuteAsync(() => Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline()));
        await ReplayAsync(handle);
        return Assert.IsType<ActivityFailureException>(error.InnerException);
    }

    [Fact]
    public async Task ActivityRetry_ExponentialBackoff_AttemptsSpacedByInterval()
    {
        var result = await RunAsync(new ActivityPlan(
            "flaky", SucceedOnAttempt: 4, StartToClose: Ten, InitialInterval: TimeSpan.FromMilliseconds(200), BackoffCoefficient: 2));

        Assert.Equal("succeeded on attempt 4", result.Result);
        var attempts = _activities.Attempts;
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        for (var i = 1; i < attempts.Count; i++)
        {
            var backoff = TimeSpan.FromMilliseconds(200 * Math.Pow(2, i - 1));
            var gap = attempts[i].StartedAt - attempts[i - 1].StartedAt;
            Assert.True(gap >= backoff, $"attempt {i + 1} started {gap.TotalMilliseconds} ms after attempt {i}, backoff {backoff.TotalMilliseconds} ms");
        }

        Assert.True(attempts[^1].StartedAt - attempts[0].StartedAt < TimeSpan.FromSeconds(15), "retries far slower than the policy");
    }

    [Fact]
    public async Task ActivityRetry_MaximumInterval_CapsTheBackoff()
    {
        var result = await RunAsync(new ActivityPlan(
            "flaky", SucceedOnAttempt: 3, StartToClose: Ten, InitialInterval: TimeSpan.FromMilliseconds(200), BackoffCoefficient: 20,
            MaximumInterval: TimeSpan.FromMilliseconds(400)));

        Assert.Equal("succeeded on attempt 3", result.Result);
        var attempts = _activities.Attempts;
        var second = attempts[2].StartedAt - attempts[1].StartedAt;
        // Uncapped, the second backoff would be 4 s.
        Assert.True(second >= TimeSpan.FromMilliseconds(400), $"second retry after {second.TotalMilliseconds} ms");
        Assert.True(second < TimeSpan.FromSeconds(3), $"second retry after {second.TotalMilliseconds} ms: the 400 ms cap was ignored");
    }

    [Fact]
    public async Task ActivityRetry_NextRetryDelay_OverridesPolicyInterval()
    {
        var result = await RunAsync(new ActivityPlan(
            "flaky", SucceedOnAttempt: 2, NextRetryDelay: TimeSpan.FromMilliseconds(900), StartToClose: Ten, InitialInterval: TimeSpan.FromMilliseconds(100)));

        Assert.Equal("succeeded on attempt 2", result.Result);
        var attempts = _activities.Attempts;
        Assert.Equal(2, attempts.Count);
        var gap = attempts[1].StartedAt - attempts[0].StartedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after {gap.TotalMilliseconds} ms, asked for 900 ms");
    }

    [Fact]
    public async Task ActivityRetry_NonRetryableErrorType_FailsAfterOneAttempt()
    {
        var failure = await RunToActivityFailureAsync(new ActivityPlan(
            "flaky", SucceedOnAttempt: 5, ErrorType: "Fatal", StartToClose: Ten, NonRetryableErrorTypes: ["Fatal"]));

        Assert.Single(_activities.Attempts);
        Assert.Equal(RetryState.NonRetryableFailure, failure.RetryState);
        var cause = Assert.IsType<ApplicationFailureException>(failure.InnerException);
        Assert.Equal("Fatal", cause.ErrorType);
        Assert.Equal("attempt 1 failed", cause.Message);
    }

    [Fact]
    public async Task ActivityRetry_NonRetryableFailure_FailsAfterOneAttempt()
    {
        var failure = await RunToActivityFailureAsync(new ActivityPlan("flaky", SucceedOnAttempt: 5, NonRetryable: true, StartToClose: Ten));

        Assert.Single(_activities.Attempts);
        Assert.Equal(RetryState.NonRetryableFailure, failure.RetryState);
        Assert.True(Assert.IsType<ApplicationFailureException>(failure.InnerException).NonRetryable);
    }

    [Fact]
    public async Task ActivityRetry_MaximumAttempts_StopsAndReportsLastFailure()
    {
        var failure = await RunToActivityFailureAsync(new ActivityPlan("flaky", SucceedOnAttempt: 10, StartToClose: Ten, MaximumAttempts: 3));

        Assert.Equal([1, 2, 3], _activities.Attempts.Select(a => a.Attempt));
        Assert.Equal(RetryState.MaximumAttemptsReached, failure.RetryState);
        Assert.Equal("attempt 3 failed", Assert.IsType<ApplicationFailureException>(failure.InnerException).Message);
    }

    [Fact]
    public async Task ActivityTimeout_ScheduleToStart_NoWorkerOnQueue()
    {
        var watch = Stopwatch.StartNew();
        var failure = await RunToActivityFailureAsync(new ActivityPlan(
            "block", ScheduleToStart: TimeSpan.FromMilliseconds(500), StartToClose: Ten, TaskQueue: Unique.TaskQueue()));

        var timeout = Assert.IsType<TimeoutFailureException>(failure.InnerException);
        Assert.Equal(TimeoutType.ScheduleToStart, timeout.TimeoutType);
        Assert.Empty(_activities.Attempts);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ActivityTimeout_ScheduleToClose_BlockedActivity()
    {
        var watch = Stopwatch.StartNew();
        var failure = await RunToActivityFailureAsync(new ActivityPlan("block", ScheduleToClose: TimeSpan.FromMilliseconds(800)));

        var timeout = Assert.IsType<TimeoutFailureException>(failure.InnerException);
        Assert.Equal(TimeoutType.ScheduleToClose, timeout.TimeoutType);
        Assert.Equal(RetryState.Timeout, failure.RetryState);
        Assert.Single(_activities.Attempts);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task ActivityTimeout_StartToClose_RetriedThenFails()
    {
        var failure = await RunToActivityFailureAsync(new ActivityPlan("block", StartToClose: TimeSpan.FromMilliseconds(500), MaximumAttempts: 2));

        var timeout = Assert.IsType<TimeoutFailureException>(failure.InnerException);
        Assert.Equal(TimeoutType.StartToClose, timeout.TimeoutType);
        Assert.Equal(RetryState.MaximumAttemptsReached, failure.RetryState);
        var attempts = _activities.Attempts;
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.True(attempts[1].StartedAt - attempts[0].StartedAt >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ActivityTimeout_Heartbeat_SilentActivity()
    {
        var watch = Stopwatch.StartNew();
        var failure = await RunToActivityFailureAsync(new ActivityPlan(
            "block", StartToClose: TimeSpan.FromSeconds(30), Heartbeat: TimeSpan.FromMilliseconds(600), MaximumAttempts: 1));

        var timeout = Assert.IsType<TimeoutFailureException>(failure.InnerException);
        Assert.Equal(TimeoutType.Heartbeat, timeout.TimeoutType);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(600));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"heartbeat timeout took {watch.Elapsed}: the 30 s start-to-close fired first");
    }

    [Fact]
    public async Task ActivityTimeout_HeartbeatStalls_TimeoutCarriesLastDetails()
    {
        var failure = await RunToActivityFailureAsync(new ActivityPlan(
            "heartbeat-stall", StartToClose: TimeSpan.FromSeconds(30), Heartbeat: TimeSpan.FromSeconds(2), MaximumAttempts: 1));

        var timeout = Assert.IsType<TimeoutFailureException>(failure.InnerException);
        Assert.Equal(TimeoutType.Heartbeat, timeout.TimeoutType);
        Assert.NotNull(timeout.LastHeartbeatDetails);
        Assert.Equal("last words", timeout.LastHeartbeatDetails.ElementAt<string>(0));
    }

    [Fact]
    public async Task ActivityHeartbeat_Details_CarriedToNextAttempt()
    {
        var result = await RunAsync(new ActivityPlan(
            "heartbeat-details", StartToClose: TimeSpan.FromSeconds(30), Heartbeat: TimeSpan.FromSeconds(10), MaximumAttempts: 2));

        Assert.Equal("attempt 2 resumed from progress-5", result.Result);
    }

    [Fact]
    public async Task ActivityCancel_ThroughHeartbeat_ActivitySeesCancellation()
    {
        using var worker = NewWorker();

        var (result, events) = await worker.ExecuteAsync(async () =>
        {
            // Cancellation rides on heartbeat responses; the worker sends heartbeats at 80 % of this timeout.
            var handle = await StartAsync(new ActivityPlan("heartbeat-cancel", StartToClose: TimeSpan.FromSeconds(30), Heartbeat: TimeSpan.FromSeconds(3)));
            await Agentic.Testing.Poll.UntilAsync(() => _activities.Attempts.Count > 0, Deadlines.Result, "activity started");
            await handle.SignalAsync(wf => wf.CancelActivityAsync(new ActivityCancelSignal("stop")));
            await _activities.CancelObserved.WithDeadline();
            return (await handle.GetResultAsync().WithDeadline(), await handle.EventsAsync());
        });

        Assert.Equal("canceled", result.Result);
        Assert.Single(events.OfType(EventType.ActivityTaskCancelRequested));
        Assert.Single(events.OfType(EventType.ActivityTaskCanceled));
    }

    [Fact]
    public async Task ActivityCancel_NotYetStarted_CanceledAtOnce()
    {
        using var worker = NewWorker();

        var (result, events) = await worker.ExecuteAsync(async () =>
        {
            // Nobody polls this queue: the activity stays scheduled until the workflow cancels it.
            var handle = await StartAsync(new ActivityPlan("heartbeat-cancel", StartToClose: TimeSpan.FromSeconds(30), TaskQueue: Unique.TaskQueue()));
            await handle.WaitForEventAsync(EventType.ActivityTaskScheduled);
            await handle.SignalAsync(wf => wf.CancelActivityAsync(new ActivityCancelSignal("stop")));
            return (await handle.GetResultAsync().WithDeadline(), await handle.EventsAsync());
        });

        Assert.Equal("canceled", result.Result);
        Assert.Empty(_activities.Attempts);
        Assert.Empty(events.OfType(EventType.ActivityTaskStarted));
        Assert.Single(events.OfType(EventType.ActivityTaskCanceled));
    }

    [Fact]
    public async Task DescribeWorkflow_ActivityAwaitingRetry_ShowsAttemptAndLastFailure()
    {
        using var worker = NewWorker();

        var (pending, result) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync(new ActivityPlan(
                "flaky", SucceedOnAttempt: 2, StartToClose: Ten, InitialInterval: TimeSpan.FromSeconds(2)));
            Temporalio.Api.Workflow.V1.PendingActivityInfo? info = null;
            await Agentic.Testing.Poll.UntilAsync(
                async () => (info = (await DescribeRawAsync(handle)).PendingActivities.SingleOrDefault())?.Attempt == 2,
                Deadlines.Result,
                "the pending activity waiting for its second attempt");
            return (info!, await handle.GetResultAsync().WithDeadline());
        });

        Assert.Equal("succeeded on attempt 2", result.Result);
        Assert.Equal("Flaky", pending.ActivityType.Name);
        Assert.Equal(Temporalio.Api.Enums.V1.PendingActivityState.Scheduled, pending.State);
        Assert.Equal("attempt 1 failed", pending.LastFailure.Message);
        Assert.NotNull(pending.NextAttemptScheduleTime);
    }

    private Task<Temporalio.Api.WorkflowService.V1.DescribeWorkflowExecutionResponse> DescribeRawAsync(WorkflowHandle handle) =>
        _client.WorkflowService.DescribeWorkflowExecutionAsync(new Temporalio.Api.WorkflowService.V1.DescribeWorkflowExecutionRequest
        {
            Namespace = fixture.Emulator.Namespace,
            Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id },
        });

    [Fact]
    public async Task AsyncActivity_CompletedByTaskToken_WorkflowGetsResult()
    {
        using var worker = NewWorker();

        var result = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync(new ActivityPlan("async", StartToClose: TimeSpan.FromSeconds(30)));
            var token = await _activities.TaskToken.WithDeadline();
            var activity = _client.GetAsyncActivityHandle(token);
            await activity.HeartbeatAsync();
            await activity.CompleteAsync(new ActivityPlanOutput("completed outside the worker"));
            return await handle.GetResultAsync().WithDeadline();
        });

        Assert.Equal("completed outside the worker", result.Result);
    }

    [Fact]
    public async Task AsyncActivity_CompletedById_WorkflowGetsResult()
    {
        using var worker = NewWorker();

        var result = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync(new ActivityPlan("async", StartToClose: TimeSpan.FromSeconds(30)));
            var info = await _activities.AsyncInfo.WithDeadline();
            var activity = _client.GetAsyncActivityHandle(info.WorkflowId!, info.WorkflowRunId!, info.ActivityId);
            await activity.CompleteAsync(new ActivityPlanOutput("completed by id"));
            return await handle.GetResultAsync().WithDeadline();
        });

        Assert.Equal("completed by id", result.Result);
    }

    [Fact]
    public async Task AsyncActivity_CanceledByWorkflow_HeartbeatSeesItAndReportsCancellation()
    {
        using var worker = NewWorker();

        var (result, events) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync(new ActivityPlan("async-cancel", StartToClose: TimeSpan.FromSeconds(30)));
            var activity = _client.GetAsyncActivityHandle(await _activities.TaskToken.WithDeadline());
            await handle.SignalAsync(wf => wf.CancelActivityAsync(new ActivityCancelSignal("stop")));
            await Agentic.Testing.Poll.UntilAsync(
                async () =>
                {
                    try
                    {
                        await activity.HeartbeatAsync();
                        return false;
                    }
                    catch (AsyncActivityCanceledException)
                    {
                        return true;
                    }
                },
                Deadlines.Result,
                "the heartbeat reporting the cancellation");
            await activity.ReportCancellationAsync();
            return (await handle.GetResultAsync().WithDeadline(), await handle.EventsAsync());
        });

        Assert.Equal("canceled", result.Result);
        Assert.Single(events.OfType(EventType.ActivityTaskCanceled));
    }

    [Fact]
    public async Task AsyncActivity_FailedByTaskToken_WorkflowSeesFailure()
    {
        using var worker = NewWorker();

        var error = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync(new ActivityPlan("async", StartToClose: TimeSpan.FromSeconds(30)));
            var token = await _activities.TaskToken.WithDeadline();
            await _client.GetAsyncActivityHandle(token).FailAsync(new ApplicationFailureException("rejected by reviewer", "Rejected", nonRetryable: true));
            return await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline());
        });

        var failure = Assert.IsType<ActivityFailureException>(error.InnerException);
        var cause = Assert.IsType<ApplicationFailureException>(failure.InnerException);
        Assert.Equal("Rejected", cause.ErrorType);
        Assert.Equal("rejected by reviewer", cause.Message);
    }
}
