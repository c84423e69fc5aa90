using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Messages;

public class MessageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker() => new(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<MessageWorkflow>());

    private WorkflowOptions Options(string? id = null) => new(id ?? Unique.WorkflowId("msg"), _taskQueue);

    private static Task ReplayAsync(WorkflowHandle handle) => HistoryAssert.ReplaysAsync(handle, o => o.AddWorkflow<MessageWorkflow>());

    private Task<WorkflowHandle<MessageWorkflow, MessageState>> StartAsync(string owner = "tester") =>
        _client.StartWorkflowAsync((MessageWorkflow wf) => wf.RunAsync(new MessageInput(owner)), Options());

    [Fact]
    public async Task Signal_Several_DeliveredInOrder()
    {
        using var worker = NewWorker();

        var handle = await StartAsync();
        var (result, events) = await worker.ExecuteAsync(async () =>
        {
            foreach (var text in new[] { "one", "two", "three", "done" })
            {
                await handle.SignalAsync(wf => wf.AddAsync(new MessageItem(text)));
            }

            return (await handle.GetResultAsync().WithDeadline(), await handle.EventsAsync());
        });

        Assert.Equal(["one", "two", "three"], result.Items);
        Assert.True(result.Done);
        var signals = events.OfType(EventType.WorkflowExecutionSignaled).ToList();
        Assert.Equal(4, signals.Count);
        Assert.All(signals, s => Assert.Equal("Add", s.WorkflowExecutionSignaledEventAttributes.SignalName));
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task Signal_SameRequestIdTwice_RecordedOnce()
    {
        using var worker = NewWorker();
        var handle = await StartAsync();
        var request = new Temporalio.Api.WorkflowService.V1.SignalWorkflowExecutionRequest
        {
            Namespace = fixture.Emulator.Namespace,
            WorkflowExecution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id },
            SignalName = "Add",
            RequestId = Guid.NewGuid().ToString(),
            Input = new Temporalio.Api.Common.V1.Payloads(),
        };
        request.Input.Payloads_.Add(Temporalio.Converters.DataConverter.Default.PayloadConverter.ToPayload(new MessageItem("retried")));

        // A client retrying after a lost response sends the same request id again.
        await _client.WorkflowService.SignalWorkflowExecutionAsync(request);
        await _client.WorkflowService.SignalWorkflowExecutionAsync(request);
        var result = await worker.ExecuteAsync(async () =>
        {
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            return await handle.GetResultAsync().WithDeadline();
        });

        Assert.Equal(["retried"], result.Items);
        Assert.Equal(2, (await handle.EventsAsync()).OfType(EventType.WorkflowExecutionSignaled).Count());
    }

    [Fact]
    public async Task Signal_UnknownWorkflow_NotFound()
    {
        var handle = _client.GetWorkflowHandle<MessageWorkflow>(Unique.WorkflowId("missing"));

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.SignalAsync(wf => wf.AddAsync(new MessageItem("x"))));

        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }

    [Fact]
    public async Task SignalAndCancel_ClosedWorkflow_SignalNotFoundCancelSucceedsWithoutEffect()
    {
        var handle = await StartAsync();
        await handle.TerminateAsync("closed before the signal");

        var signal = await Assert.ThrowsAsync<RpcException>(() => handle.SignalAsync(wf => wf.AddAsync(new MessageItem("late"))));

        // The server treats a cancellation request for a closed workflow as a success that changes nothing.
        await handle.CancelAsync();

        Assert.Equal(RpcException.StatusCode.NotFound, signal.Code);
        var events = await handle.EventsAsync();
        Assert.Empty(events.OfType(EventType.WorkflowExecutionSignaled));
        Assert.Empty(events.OfType(EventType.WorkflowExecutionCancelRequested));
        Assert.Equal(EventType.WorkflowExecutionTerminated, events[^1].EventType);
    }

    [Fact]
    public async Task SignalWithStart_NotRunningThenRunning_StartsOnceAndDeliversBoth()
    {
        var id = Unique.WorkflowId("sws");
        using var worker = NewWorker();

        var (first, second, result) = await worker.ExecuteAsync(async () =>
        {
            var options = Options(id);
            options.SignalWithStart((MessageWorkflow wf) => wf.AddAsync(new MessageItem("first")));
            var a = await _client.StartWorkflowAsync((MessageWorkflow wf) => wf.RunAsync(new MessageInput("sws")), options);
            var againOptions = Options(id);
            againOptions.SignalWithStart((MessageWorkflow wf) => wf.AddAsync(new MessageItem("second")));
            var b = await _client.StartWorkflowAsync((MessageWorkflow wf) => wf.RunAsync(new MessageInput("ignored")), againOptions);
            await b.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            return (a, b, await a.GetResultAsync().WithDeadline());
        });

        Assert.Equal(first.ResultRunId, second.ResultRunId);
        Assert.Equal("sws", result.Owner);
        Assert.Equal(["first", "second"], result.Items);
        var events = await first.EventsAsync();
        Assert.Single(events.OfType(EventType.WorkflowExecutionStarted));
        // The start's signal is in history before the first workflow task runs.
        Assert.Equal(EventType.WorkflowExecutionSignaled, events[1].EventType);
        await ReplayAsync(first);
    }

    [Fact]
    public async Task SignalWithStart_ClosedWorkflow_StartsNewRun()
    {
        var id = Unique.WorkflowId("sws-closed");
        using var worker = NewWorker();

        var (first, second) = await worker.ExecuteAsync(async () =>
        {
            var a = await _client.StartWorkflowAsync((MessageWorkflow wf) => wf.RunAsync(new MessageInput("first run")), Options(id));
            await a.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await a.GetResultAsync().WithDeadline();
            var options = Options(id);
            options.SignalWithStart((MessageWorkflow wf) => wf.AddAsync(new MessageItem("after close")));
            var b = await _client.StartWorkflowAsync((MessageWorkflow wf) => wf.RunAsync(new MessageInput("second run")), options);
            await b.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            return (a, await b.GetResultAsync().WithDeadline());
        });

        Assert.Equal("second run", second.Owner);
        Assert.Equal(["after close"], second.Items);
        Assert.NotEqual(first.ResultRunId, (await _client.GetWorkflowHandle(id).DescribeAsync()).RunId);
    }

    [Fact]
    public async Task Update_ClosedWorkflow_Fails()
    {
        using var worker = NewWorker();

        var error = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await handle.GetResultAsync().WithDeadline();
            return await Assert.ThrowsAsync<RpcException>(() => handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem("late"))).WithDeadline());
        });

        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Query_RunningAndClosed_ReturnsState()
    {
        using var worker = NewWorker();

        var (running, closed) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync("querier");
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("a")));
            MessageState? r = null;
            await Agentic.Testing.Poll.UntilAsync(
                async () => (r = await handle.QueryAsync(wf => wf.GetState(new StateQuery("q:")))).Items.Count == 1,
                Deadlines.Result,
                "the signalled item visible to a query");
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await handle.GetResultAsync().WithDeadline();
            return (r, await handle.QueryAsync(wf => wf.GetState(new StateQuery("closed:"))));
        });

        Assert.NotNull(running);
        Assert.Equal(new[] { "q:a" }, running.Items);
        Assert.False(running.Done);
        Assert.Equal("querier", running.Owner);
        Assert.Equal(new[] { "closed:a" }, closed.Items);
        Assert.True(closed.Done);
    }

    [Fact]
    public async Task Query_DuringStartDelay_FailedPrecondition()
    {
        // No workflow task exists before the start delay ends, so the server refuses rather than waits.
        var options = Options();
        options.StartDelay = TimeSpan.FromMinutes(10);
        var handle = await _client.StartWorkflowAsync((MessageWorkflow wf) => wf.RunAsync(new MessageInput("delayed")), options);

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.QueryAsync(wf => wf.GetState(new StateQuery(string.Empty))).WithDeadline());

        Assert.Equal(RpcException.StatusCode.FailedPrecondition, error.Code);
        await handle.TerminateAsync("cleanup");
    }

    [Fact]
    public async Task DeleteWorkflowExecution_Running_GoneFromDescribeAndList()
    {
        var handle = await StartAsync();

        await _client.WorkflowService.DeleteWorkflowExecutionAsync(new Temporalio.Api.WorkflowService.V1.DeleteWorkflowExecutionRequest
        {
            Namespace = fixture.Emulator.Namespace,
            WorkflowExecution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id },
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.DescribeAsync());
        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
        await Agentic.Testing.Poll.UntilAsync(
            async () => (await _client.CountWorkflowsAsync($"WorkflowId = '{handle.Id}'")).Count == 0, Deadlines.Result, "deleted from visibility");
    }

    [Fact]
    public async Task Query_RejectConditionOnClosedRun_Rejected()
    {
        using var worker = NewWorker();

        var (notOpen, answered) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await handle.GetResultAsync().WithDeadline();
            var rejected = await Assert.ThrowsAsync<WorkflowQueryRejectedException>(() => handle.QueryAsync(
                wf => wf.GetState(new StateQuery(string.Empty)),
                new WorkflowQueryOptions { RejectCondition = QueryRejectCondition.NotOpen }).WithDeadline());
            // Completed cleanly: the "not completed cleanly" condition lets the query through.
            var state = await handle.QueryAsync(
                wf => wf.GetState(new StateQuery(string.Empty)),
                new WorkflowQueryOptions { RejectCondition = QueryRejectCondition.NotCompletedCleanly }).WithDeadline();
            return (rejected, state);
        });

        Assert.Equal(WorkflowExecutionStatus.Completed, notOpen.WorkflowStatus);
        Assert.True(answered.Done);
    }

    [Fact]
    public async Task Query_Unknown_Fails()
    {
        using var worker = NewWorker();

        var error = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            return await Assert.ThrowsAsync<WorkflowQueryFailedException>(() => handle.QueryAsync<string>("NoSuchQuery", []).WithDeadline());
        });

        Assert.Contains("NoSuchQuery", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_HandlerThrows_FailsWithMessage()
    {
        using var worker = NewWorker();

        var error = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            return await Assert.ThrowsAsync<WorkflowQueryFailedException>(() => handle.QueryAsync(wf => wf.Explode(new StateQuery("boom"))).WithDeadline());
        });

        Assert.Contains("query exploded: boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_Accepted_ReturnsResultAndRecordsEvents()
    {
        using var worker = NewWorker();

        var handle = await StartAsync("updater");
        var (state, events) = await worker.ExecuteAsync(async () =>
        {
            var s = await handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem("via update"))).WithDeadline();
            return (s, await handle.EventsAsync());
        });

        Assert.Equal(["via update"], state.Items);
        Assert.Equal("updater", state.Owner);
        var accepted = Assert.Single(events.OfType(EventType.WorkflowExecutionUpdateAccepted));
        Assert.Equal("AddItem", accepted.WorkflowExecutionUpdateAcceptedEventAttributes.AcceptedRequest.Input.Name);
        var completed = Assert.Single(events.OfType(EventType.WorkflowExecutionUpdateCompleted));
        Assert.Equal(accepted.EventId, completed.WorkflowExecutionUpdateCompletedEventAttributes.AcceptedEventId);
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task Update_ValidatorRejects_FailsAndLeavesNoEvents()
    {
        using var worker = NewWorker();

        var handle = await StartAsync();
        var (error, events) = await worker.ExecuteAsync(async () =>
        {
            var e = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(() => handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem(" "))).WithDeadline());
            // A later valid update still works: the rejection left the workflow healthy.
            await handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem("valid"))).WithDeadline();
            return (e, await handle.EventsAsync());
        });

        var cause = Assert.IsType<ApplicationFailureException>(error.InnerException);
        Assert.Equal("InvalidItem", cause.ErrorType);
        Assert.Equal("item text must not be empty", cause.Message);
        Assert.Single(events.OfType(EventType.WorkflowExecutionUpdateAccepted));
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task Update_HandlerThrows_CompletedWithFailure()
    {
        using var worker = NewWorker();

        var error = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            return await Assert.ThrowsAsync<WorkflowUpdateFailedException>(() => handle.ExecuteUpdateAsync(wf => wf.RefuseAsync(new MessageItem("x"))).WithDeadline());
        });

        var cause = Assert.IsType<ApplicationFailureException>(error.InnerException);
        Assert.Equal("Refused", cause.ErrorType);
    }

    [Fact]
    public async Task StartUpdate_Accepted_ResultLaterWhenHandlerFinishes()
    {
        using var worker = NewWorker();

        var handle = await StartAsync();
        var (stateWhenAccepted, result) = await worker.ExecuteAsync(async () =>
        {
            var update = await handle.StartUpdateAsync(
                wf => wf.WaitForItemsAsync(new WaitForItemsUpdate(2)), new WorkflowUpdateStartOptions(WorkflowUpdateStage.Accepted)).WithDeadline();
            var state = await handle.QueryAsync(wf => wf.GetState(new StateQuery(string.Empty)));
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("x")));
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("y")));
            return (state, await update.GetResultAsync().WithDeadline());
        });

        Assert.Empty(stateWhenAccepted.Items);
        Assert.Equal(["x", "y"], result.Items);
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task Update_SameUpdateId_RunsHandlerOnce()
    {
        using var worker = NewWorker();

        var (first, second, events) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            var options = new WorkflowUpdateOptions("the-one-update");
            var a = await handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem("once")), options).WithDeadline();
            var b = await handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem("once")), options).WithDeadline();
            return (a, b, await handle.EventsAsync());
        });

        Assert.Equal(["once"], first.Items);
        Assert.Equal(["once"], second.Items);
        var accepted = Assert.Single(events.OfType(EventType.WorkflowExecutionUpdateAccepted));
        Assert.Equal("the-one-update", accepted.WorkflowExecutionUpdateAcceptedEventAttributes.AcceptedRequest.Meta.UpdateId);
    }

    [Fact]
    public async Task UpdateWithStart_NewThenExisting_StartsOnceAndUpdatesBoth()
    {
        var id = Unique.WorkflowId("uws");
        using var worker = NewWorker();

        var (first, second, runA, runB) = await worker.ExecuteAsync(async () =>
        {
            WithStartWorkflowOperation<WorkflowHandle<MessageWorkflow, MessageState>> Operation() => WithStartWorkflowOperation.Create(
                (MessageWorkflow wf) => wf.RunAsync(new MessageInput("uws")),
                new WorkflowOptions(id, _taskQueue) { IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting });
            var opA = Operation();
            var a = await _client.ExecuteUpdateWithStartWorkflowAsync(
                (MessageWorkflow wf) => wf.AddItemAsync(new MessageItem("first")), new WorkflowUpdateWithStartOptions(opA)).WithDeadline();
            var opB = Operation();
            var b = await _client.ExecuteUpdateWithStartWorkflowAsync(
                (MessageWorkflow wf) => wf.AddItemAsync(new MessageItem("second")), new WorkflowUpdateWithStartOptions(opB)).WithDeadline();
            return (a, b, (await opA.GetHandleAsync()).ResultRunId, (await opB.GetHandleAsync()).ResultRunId);
        });

        Assert.Equal(["first"], first.Items);
        Assert.Equal(["first", "second"], second.Items);
        Assert.Equal(runA, runB);
        await ReplayAsync(_client.GetWorkflowHandle(id));
    }

    [Fact]
    public async Task Terminate_Running_ClientSeesTerminatedWithReason()
    {
        using var worker = NewWorker();
        var handle = await StartAsync();

        var error = await worker.ExecuteAsync(async () =>
        {
            await handle.WaitForEventAsync(EventType.WorkflowTaskCompleted);
            await handle.TerminateAsync("enough of that");
            return await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline());
        });

        var terminated = Assert.IsType<TerminatedFailureException>(error.InnerException);
        Assert.Equal("enough of that", terminated.Message);
        Assert.Equal(WorkflowExecutionStatus.Terminated, (await handle.DescribeAsync()).Status);
        var last = (await handle.EventsAsync())[^1];
        Assert.Equal(EventType.WorkflowExecutionTerminated, last.EventType);
        Assert.Equal("enough of that", last.WorkflowExecutionTerminatedEventAttributes.Reason);
    }

    [Fact]
    public async Task Terminate_Closed_NotFound()
    {
        using var worker = NewWorker();
        var handle = await StartAsync();
        await handle.TerminateAsync("first");

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.TerminateAsync("second"));

        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Describe_RunningThenCompleted_ReportsExecutionInfo()
    {
        using var worker = NewWorker();
        var before = DateTime.UtcNow.AddSeconds(-5);

        var (running, completed, events) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            var r = await handle.DescribeAsync();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await handle.GetResultAsync().WithDeadline();
            return (r, await handle.DescribeAsync(), await handle.EventsAsync());
        });

        Assert.Equal(WorkflowExecutionStatus.Running, running.Status);
        Assert.Equal(nameof(MessageWorkflow), running.WorkflowType);
        Assert.Equal(_taskQueue, running.TaskQueue);
        Assert.Null(running.CloseTime);
        Assert.InRange(running.StartTime, before, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(WorkflowExecutionStatus.Completed, completed.Status);
        Assert.NotNull(completed.CloseTime);
        Assert.True(completed.CloseTime >= completed.StartTime);
        Assert.Equal(events.Count, completed.HistoryLength);
        Assert.Equal(running.RunId, completed.RunId);
    }

    [Fact]
    public async Task GetResult_BeforeCompletion_LongPollsUntilClose()
    {
        var handle = await StartAsync("long-poll");

        // No worker yet: the result can only arrive after a worker runs the workflow and the signal lands.
        var result = handle.GetResultAsync();
        var described = await handle.DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.Running, described.Status);
        Assert.False(result.IsCompleted);

        using var worker = NewWorker();
        var state = await worker.ExecuteAsync(async () =>
        {
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("late")));
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            return await result.WithDeadline();
        });

        Assert.Equal(["late"], state.Items);
        Assert.Equal("long-poll", state.Owner);
    }
}
