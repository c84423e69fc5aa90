using System.Text.RegularExpressions;
using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Common.V1;
using RetryPolicy = Temporalio.Common.RetryPolicy;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.TaskQueue.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Start;

public class StartTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker() => new(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<StartWorkflow>());

    private Task<WorkflowHandle<StartWorkflow, StartOutput>> StartAsync(string id, StartInput input, Action<WorkflowOptions>? configure = null)
    {
        var options = new WorkflowOptions(id, _taskQueue);
        configure?.Invoke(options);
        return _client.StartWorkflowAsync((StartWorkflow wf) => wf.RunAsync(input), options);
    }

    [Fact]
    public async Task StartWorkflow_SameIdWhileRunning_ThrowsWorkflowAlreadyStarted()
    {
        var id = Unique.WorkflowId();
        var first = await StartAsync(id, new StartInput("first", WaitForRelease: true));

        var error = await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(() => StartAsync(id, new StartInput("second")));

        Assert.Equal(id, error.WorkflowId);
        Assert.Equal(first.ResultRunId, error.RunId);
        Assert.Equal(nameof(StartWorkflow), error.WorkflowType);
        await first.TerminateAsync("cleanup");
    }

    [Fact]
    public async Task StartWorkflow_ConflictUseExisting_ReturnsRunningRun()
    {
        var id = Unique.WorkflowId();
        var first = await StartAsync(id, new StartInput("first", WaitForRelease: true));

        var second = await StartAsync(id, new StartInput("second"), o => o.IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting);

        Assert.Equal(first.ResultRunId, second.ResultRunId);
        using var worker = NewWorker();
        var result = await worker.ExecuteAsync(async () =>
        {
            await first.SignalAsync(wf => wf.ReleaseAsync(new ReleaseSignal("go")));
            return await second.GetResultAsync().WithDeadline();
        });
        Assert.Equal("first", result.Label);
    }

    [Fact]
    public async Task StartWorkflow_ConflictTerminateExisting_TerminatesOldRun()
    {
        var id = Unique.WorkflowId();
        var first = await StartAsync(id, new StartInput("first", WaitForRelease: true));

        var second = await StartAsync(id, new StartInput("second"), o => o.IdConflictPolicy = WorkflowIdConflictPolicy.TerminateExisting);

        Assert.NotEqual(first.ResultRunId, second.ResultRunId);
        var old = await _client.GetWorkflowHandle(id, first.ResultRunId).DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.Terminated, old.Status);
        using var worker = NewWorker();
        var result = await worker.ExecuteAsync(() => second.GetResultAsync().WithDeadline());
        Assert.Equal("second", result.Label);
        Assert.Equal(second.ResultRunId, result.RunId);
    }

    [Fact]
    public async Task StartWorkflow_ReuseRejectDuplicateAfterCompletion_Throws()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();
        await worker.ExecuteAsync(async () =>
        {
            var first = await StartAsync(id, new StartInput("first"), o => o.IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate);
            await first.GetResultAsync().WithDeadline();
        });

        var error = await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(() =>
            StartAsync(id, new StartInput("second"), o => o.IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate));
        Assert.Equal(id, error.WorkflowId);
    }

    [Fact]
    public async Task StartWorkflow_ReuseAllowDuplicateAfterCompletion_StartsNewRun()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();
        var (first, second) = await worker.ExecuteAsync(async () =>
        {
            var a = await StartAsync(id, new StartInput("first"));
            var ra = await a.GetResultAsync().WithDeadline();
            var b = await StartAsync(id, new StartInput("second"), o => o.IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicate);
            var rb = await b.GetResultAsync().WithDeadline();
            return (ra, rb);
        });

        Assert.Equal("first", first.Label);
        Assert.Equal("second", second.Label);
        Assert.NotEqual(first.RunId, second.RunId);
    }

    [Fact]
    public async Task StartWorkflow_ReuseAllowDuplicateFailedOnly_RejectsAfterSuccessAllowsAfterFailure()
    {
        var succeeded = Unique.WorkflowId();
        var failed = Unique.WorkflowId();
        using var worker = NewWorker();
        await worker.ExecuteAsync(async () =>
        {
            await (await StartAsync(succeeded, new StartInput("ok"))).GetResultAsync().WithDeadline();
            var failing = await StartAsync(failed, new StartInput("fails", FailBeforeAttempt: 2));
            await Assert.ThrowsAsync<WorkflowFailedException>(() => failing.GetResultAsync().WithDeadline());

            await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(() =>
                StartAsync(succeeded, new StartInput("again"), o => o.IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicateFailedOnly));
            var retried = await StartAsync(failed, new StartInput("again"), o => o.IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicateFailedOnly);
            Assert.Equal("again", (await retried.GetResultAsync().WithDeadline()).Label);
        });
    }

    [Fact]
    public async Task StartWorkflow_SameRequestId_IsIdempotent()
    {
        var id = Unique.WorkflowId();
        var requestId = Guid.NewGuid().ToString();

        // The SDK makes a fresh request id per call, so a retried start is sent raw.
        var first = await _client.WorkflowService.StartWorkflowExecutionAsync(RawStart(id, requestId));
        var again = await _client.WorkflowService.StartWorkflowExecutionAsync(RawStart(id, requestId));

        Assert.Equal(first.RunId, again.RunId);
        var other = await Assert.ThrowsAsync<RpcException>(() => _client.WorkflowService.StartWorkflowExecutionAsync(RawStart(id, Guid.NewGuid().ToString())));
        Assert.Equal(RpcException.StatusCode.AlreadyExists, other.Code);
        var handle = _client.GetWorkflowHandle(id);
        var events = await handle.EventsAsync();
        Assert.Single(events.OfType(EventType.WorkflowExecutionStarted));
        await handle.TerminateAsync("cleanup");
    }

    private StartWorkflowExecutionRequest RawStart(string id, string requestId)
    {
        var request = new StartWorkflowExecutionRequest
        {
            Namespace = fixture.Emulator.Namespace,
            WorkflowId = id,
            WorkflowType = new WorkflowType { Name = nameof(StartWorkflow) },
            TaskQueue = new TaskQueue { Name = _taskQueue },
            RequestId = requestId,
            Identity = "conformance-test",
        };
        request.Input = new Payloads();
        request.Input.Payloads_.Add(DataConverter.Default.PayloadConverter.ToPayload(new StartInput("raw", WaitForRelease: true)));
        return request;
    }

    [Theory]
    [InlineData("workflow_id")]
    [InlineData("workflow_type")]
    [InlineData("task_queue")]
    public async Task StartWorkflow_MissingRequiredField_InvalidArgumentNamingIt(string field)
    {
        var request = RawStart(Unique.WorkflowId(), Guid.NewGuid().ToString());
        switch (field)
        {
            case "workflow_id":
                request.WorkflowId = string.Empty;
                break;
            case "workflow_type":
                request.WorkflowType = null;
                break;
            default:
                request.TaskQueue = null;
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.WorkflowService.StartWorkflowExecutionAsync(request));

        Assert.Equal(RpcException.StatusCode.InvalidArgument, error.Code);
        // Real Temporal spells it WorkflowId / TaskQueue, the emulator workflow_id / task_queue: either names the field.
        Assert.Matches(new Regex(field.Replace("_", "_?", StringComparison.Ordinal), RegexOptions.IgnoreCase), error.Message);
    }

    [Fact]
    public async Task StartWorkflow_StartDelay_DelaysFirstWorkflowTask()
    {
        var id = Unique.WorkflowId();
        var delay = TimeSpan.FromMilliseconds(1500);
        using var worker = NewWorker();

        var (handle, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await StartAsync(id, new StartInput("delayed"), o => o.StartDelay = delay);
            return (h, await h.GetResultAsync().WithDeadline());
        });

        var events = await handle.EventsAsync();
        var started = events.OfType(EventType.WorkflowExecutionStarted).Single();
        Assert.Equal(delay, started.WorkflowExecutionStartedEventAttributes.FirstWorkflowTaskBackoff.ToTimeSpan());
        var firstTask = events.OfType(EventType.WorkflowTaskStarted).First();
        Assert.True(firstTask.EventTime.ToDateTime() - started.EventTime.ToDateTime() >= delay, "the first workflow task ran before the start delay");
        Assert.True(result.StartedAt - started.EventTime.ToDateTime() >= delay - TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task StartWorkflow_SignalDuringStartDelay_DoesNotEndTheDelay()
    {
        var id = Unique.WorkflowId();
        var delay = TimeSpan.FromMilliseconds(1500);
        using var worker = NewWorker();

        var (handle, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await StartAsync(id, new StartInput("delayed", WaitForRelease: true), o => o.StartDelay = delay);
            await h.SignalAsync(wf => wf.ReleaseAsync(new ReleaseSignal("early")));
            return (h, await h.GetResultAsync().WithDeadline());
        });

        var events = await handle.EventsAsync();
        var started = events[0].EventTime.ToDateTime();
        Assert.True(result.StartedAt - started >= delay - TimeSpan.FromMilliseconds(1), $"first task ran {result.StartedAt - started} after start");
        Assert.Equal(EventType.WorkflowExecutionSignaled, events[1].EventType);
        Assert.Equal(EventType.WorkflowTaskScheduled, events[2].EventType);
    }

    [Fact]
    public async Task StartWorkflow_Memo_VisibleToWorkflowAndDescribe()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();

        var (handle, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await StartAsync(id, new StartInput("memo"), o => o.Memo = new Dictionary<string, object> { ["note"] = "remember me", ["count"] = 3 });
            return (h, await h.GetResultAsync().WithDeadline());
        });

        Assert.Equal("remember me", result.Note);
        var description = await handle.DescribeAsync();
        Assert.Equal("remember me", await description.Memo["note"].ToValueAsync<string>());
        Assert.Equal(3, await description.Memo["count"].ToValueAsync<int>());
    }

    [Fact]
    public async Task StartWorkflow_SearchAttributes_VisibleInDescribe()
    {
        var id = Unique.WorkflowId();
        var attributes = new SearchAttributeCollection.Builder()
            .Set(TestSearchAttributes.Keyword, "start-sa")
            .Set(TestSearchAttributes.Number, 42)
            .ToSearchAttributeCollection();

        var handle = await StartAsync(id, new StartInput("sa", WaitForRelease: true), o => o.TypedSearchAttributes = attributes);

        var description = await handle.DescribeAsync();
        Assert.Equal("start-sa", description.TypedSearchAttributes.Get(TestSearchAttributes.Keyword));
        Assert.Equal(42, description.TypedSearchAttributes.Get(TestSearchAttributes.Number));
        await handle.TerminateAsync("cleanup");
    }

    [Fact]
    public async Task StartWorkflow_SearchAttributesOfEveryType_RoundTripThroughDescribe()
    {
        var flag = SearchAttributeKey.CreateBool("EmuFlag");
        var ratio = SearchAttributeKey.CreateDouble("EmuRatio");
        var due = SearchAttributeKey.CreateDateTimeOffset("EmuDue");
        var tags = SearchAttributeKey.CreateKeywordList("EmuTags");
        var dueAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var attributes = new SearchAttributeCollection.Builder()
            .Set(TestSearchAttributes.Keyword, "typed")
            .Set(TestSearchAttributes.Number, long.MaxValue)
            .Set(TestSearchAttributes.Text, "some words here")
            .Set(flag, true)
            .Set(ratio, 0.25)
            .Set(due, dueAt)
            .Set(tags, ["a", "b"])
            .ToSearchAttributeCollection();

        var handle = await StartAsync(Unique.WorkflowId(), new StartInput("typed", WaitForRelease: true), o => o.TypedSearchAttributes = attributes);
        var described = (await handle.DescribeAsync()).TypedSearchAttributes;
        await handle.TerminateAsync("cleanup");

        Assert.Equal("typed", described.Get(TestSearchAttributes.Keyword));
        Assert.Equal(long.MaxValue, described.Get(TestSearchAttributes.Number));
        Assert.Equal("some words here", described.Get(TestSearchAttributes.Text));
        Assert.True(described.Get(flag));
        Assert.Equal(0.25, described.Get(ratio));
        Assert.Equal(dueAt, described.Get(due));
        Assert.Equal(["a", "b"], described.Get(tags));
    }

    [Fact]
    public async Task StartWorkflow_ExecutionTimeout_TimesOut()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();

        var handle = await StartAsync(id, new StartInput("forever", WaitForRelease: true), o => o.ExecutionTimeout = TimeSpan.FromSeconds(1));
        var error = await worker.ExecuteAsync(() => Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline()));

        Assert.IsType<TimeoutFailureException>(error.InnerException);
        var description = await handle.DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.TimedOut, description.Status);
        var events = await handle.EventsAsync();
        var started = events[0].EventTime.ToDateTime();
        var timedOut = events[^1];
        Assert.Equal(EventType.WorkflowExecutionTimedOut, timedOut.EventType);
        Assert.True(timedOut.EventTime.ToDateTime() - started >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task StartWorkflow_RunTimeout_TimesOut()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();

        var handle = await StartAsync(id, new StartInput("forever", WaitForRelease: true), o => o.RunTimeout = TimeSpan.FromMilliseconds(800));
        var error = await worker.ExecuteAsync(() => Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline()));

        Assert.IsType<TimeoutFailureException>(error.InnerException);
        var events = await handle.EventsAsync();
        Assert.Equal(TimeSpan.FromMilliseconds(800), events[0].WorkflowExecutionStartedEventAttributes.WorkflowRunTimeout.ToTimeSpan());
        Assert.Equal(EventType.WorkflowExecutionTimedOut, events[^1].EventType);
        Assert.True(events[^1].EventTime.ToDateTime() - events[0].EventTime.ToDateTime() >= TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task StartWorkflow_RetryPolicy_RetriesFailedRunsUntilSuccess()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();
        var retry = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(200), BackoffCoefficient = 2, MaximumAttempts = 5 };

        var (handle, result) = await worker.ExecuteAsync(async () =>
        {
            var h = await StartAsync(id, new StartInput("retry", FailBeforeAttempt: 3), o => o.RetryPolicy = retry);
            return (h, await h.GetResultAsync().WithDeadline());
        });

        Assert.Equal(3, result.Attempt);
        Assert.NotEqual(handle.ResultRunId, result.RunId);
        var firstRun = await _client.GetWorkflowHandle(id, handle.ResultRunId).EventsAsync();
        var failed = firstRun[^1];
        Assert.Equal(EventType.WorkflowExecutionFailed, failed.EventType);
        Assert.Equal(RetryState.InProgress, failed.WorkflowExecutionFailedEventAttributes.RetryState);
        Assert.False(string.IsNullOrEmpty(failed.WorkflowExecutionFailedEventAttributes.NewExecutionRunId));
        var secondRun = await _client.GetWorkflowHandle(id, failed.WorkflowExecutionFailedEventAttributes.NewExecutionRunId).EventsAsync();
        var secondStart = secondRun[0].WorkflowExecutionStartedEventAttributes;
        Assert.Equal(2, secondStart.Attempt);
        Assert.Equal(TimeSpan.FromMilliseconds(200), secondStart.FirstWorkflowTaskBackoff.ToTimeSpan());
        Assert.Equal(handle.ResultRunId, secondStart.FirstExecutionRunId);
    }

    [Fact]
    public async Task StartWorkflow_RetryPolicyExhausted_FailsWithLastFailure()
    {
        var id = Unique.WorkflowId();
        using var worker = NewWorker();
        var retry = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumAttempts = 2 };

        var error = await worker.ExecuteAsync(async () =>
        {
            var h = await StartAsync(id, new StartInput("exhausted", FailBeforeAttempt: 10), o => o.RetryPolicy = retry);
            return await Assert.ThrowsAsync<WorkflowFailedException>(() => h.GetResultAsync().WithDeadline());
        });

        var cause = Assert.IsType<ApplicationFailureException>(error.InnerException);
        Assert.Equal("attempt 2 fails", cause.Message);
    }
}
