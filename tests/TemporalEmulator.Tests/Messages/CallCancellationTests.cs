using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Messages;

/// <summary>
/// A client that gives up on a call (its cancellation token, its deadline) only stops waiting: on the server an
/// update carries on, the workflow keeps answering queries, signals and updates, and the update's outcome can be
/// fetched later through a new handle. Waits registered by calls that gave up hold nothing back.
/// </summary>
public class CallCancellationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker() => new(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<MessageWorkflow>());

    [Fact]
    public async Task UpdateWithStart_CallCancelledWhileUpdateWaits_WorkflowKeepsServingAndUpdateCompletes()
    {
        var id = Unique.WorkflowId("uws-cancel");
        using var worker = NewWorker();

        var (cancelled, state, afterOutcome, waited, result) = await worker.ExecuteAsync(async () =>
        {
            var operation = WithStartWorkflowOperation.Create(
                (MessageWorkflow wf) => wf.RunAsync(new MessageInput("cancel")),
                new WorkflowOptions(id, _taskQueue) { IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting });
            using var giveUp = new CancellationTokenSource();
            var call = _client.ExecuteUpdateWithStartWorkflowAsync(
                (MessageWorkflow wf) => wf.WaitForItemsAsync(new WaitForItemsUpdate(1)),
                new WorkflowUpdateWithStartOptions(operation) { Id = "wait-for-one", Rpc = new RpcOptions { CancellationToken = giveUp.Token } });
            var handle = _client.GetWorkflowHandle<MessageWorkflow>(id);
            await Agentic.Testing.Poll.UntilAsync(
                async () => await Exists(handle) && (await handle.EventsAsync()).OfType(EventType.WorkflowExecutionUpdateAccepted).Any(),
                Deadlines.Result,
                "the update accepted and waiting");
            await giveUp.CancelAsync();
            var error = await Record.ExceptionAsync(() => call.WithDeadline());

            var queried = await handle.QueryAsync(wf => wf.GetState(new StateQuery(string.Empty))).WithDeadline();
            var another = await handle.ExecuteUpdateAsync(wf => wf.AddItemAsync(new MessageItem("by update"))).WithDeadline();
            var outcome = await handle.GetUpdateHandle<MessageState>("wait-for-one").GetResultAsync().WithDeadline();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            var final = await _client.GetWorkflowHandle<MessageWorkflow, MessageState>(id).GetResultAsync().WithDeadline();
            return (error, queried, another, outcome, final);
        });

        Assert.IsType<WorkflowUpdateRpcTimeoutOrCanceledException>(cancelled);
        Assert.Empty(state.Items);
        Assert.False(state.Done);
        Assert.Equal(["by update"], afterOutcome.Items);
        Assert.Equal(["by update"], waited.Items);
        Assert.True(result.Done);
        await HistoryAssert.ReplaysAsync(_client.GetWorkflowHandle(id), o => o.AddWorkflow<MessageWorkflow>());
    }

    [Fact]
    public async Task UpdateWithStart_CallCancelledBeforeAnyWorker_WorkflowServesOnceWorkerComes()
    {
        var id = Unique.WorkflowId("uws-cancel-early");
        var operation = WithStartWorkflowOperation.Create(
            (MessageWorkflow wf) => wf.RunAsync(new MessageInput("early")),
            new WorkflowOptions(id, _taskQueue) { IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting });
        using var giveUp = new CancellationTokenSource();
        var call = _client.ExecuteUpdateWithStartWorkflowAsync(
            (MessageWorkflow wf) => wf.WaitForItemsAsync(new WaitForItemsUpdate(1)),
            new WorkflowUpdateWithStartOptions(operation) { Id = "wait-early", Rpc = new RpcOptions { CancellationToken = giveUp.Token } });
        var handle = _client.GetWorkflowHandle<MessageWorkflow>(id);
        await Agentic.Testing.Poll.UntilAsync(() => Exists(handle), Deadlines.Result, "the workflow started");
        await giveUp.CancelAsync();
        var cancelled = await Record.ExceptionAsync(() => call.WithDeadline());

        using var worker = NewWorker();
        var (state, waited, result) = await worker.ExecuteAsync(async () =>
        {
            var queried = await handle.QueryAsync(wf => wf.GetState(new StateQuery(string.Empty))).WithDeadline();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("x")));
            var outcome = await handle.GetUpdateHandle<MessageState>("wait-early").GetResultAsync().WithDeadline();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            return (queried, outcome, await _client.GetWorkflowHandle<MessageWorkflow, MessageState>(id).GetResultAsync().WithDeadline());
        });

        Assert.IsType<WorkflowUpdateRpcTimeoutOrCanceledException>(cancelled);
        Assert.False(state.Done);
        Assert.Equal(["x"], waited.Items);
        Assert.Equal(["x"], result.Items);
    }

    [Fact]
    public async Task Query_DeadlineUnderTwoSeconds_AnsweredWithinIt()
    {
        using var worker = NewWorker();

        var answers = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (MessageWorkflow wf) => wf.RunAsync(new MessageInput("short")), new WorkflowOptions(Unique.WorkflowId("short-query"), _taskQueue));
            await handle.WaitForEventAsync(EventType.WorkflowTaskCompleted);
            // The server gives a query the caller's whole deadline. A loaded machine may miss one short deadline,
            // so several tries, each with its own; before the fix every one failed at once.
            var answered = 0;
            for (var attempt = 0; attempt < 5 && answered == 0; attempt++)
            {
                try
                {
                    await handle.QueryAsync(
                        wf => wf.GetState(new StateQuery(string.Empty)),
                        new WorkflowQueryOptions { Rpc = new RpcOptions { Timeout = TimeSpan.FromMilliseconds(1900) } });
                    answered++;
                }
                catch (RpcException e) when (e.Code == RpcException.StatusCode.DeadlineExceeded)
                {
                }
            }

            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await handle.GetResultAsync().WithDeadline();
            return answered;
        });

        Assert.Equal(1, answers);
    }

    [Fact]
    public async Task GetResult_ManyWaitsAbandoned_ResultStillArrives()
    {
        using var worker = NewWorker();

        var result = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (MessageWorkflow wf) => wf.RunAsync(new MessageInput("waited")), new WorkflowOptions(Unique.WorkflowId("abandoned"), _taskQueue));
            using (var giveUp = new CancellationTokenSource())
            {
                var waits = Enumerable.Range(0, 200)
                    .Select(_ => handle.GetResultAsync(rpcOptions: new RpcOptions { CancellationToken = giveUp.Token }))
                    .ToList();
                await giveUp.CancelAsync();
                foreach (var wait in waits)
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WithDeadline());
                }
            }

            var kept = handle.GetResultAsync();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("after")));
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            return await kept.WithDeadline();
        });

        Assert.Equal(["after"], result.Items);
    }

    [Fact]
    public async Task PollUpdate_CallCancelled_UpdateStillCompletesForANewHandle()
    {
        using var worker = NewWorker();

        var outcome = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (MessageWorkflow wf) => wf.RunAsync(new MessageInput("poll")), new WorkflowOptions(Unique.WorkflowId("poll-cancel"), _taskQueue));
            var update = await handle.StartUpdateAsync(
                wf => wf.WaitForItemsAsync(new WaitForItemsUpdate(1)), new WorkflowUpdateStartOptions(WorkflowUpdateStage.Accepted) { Id = "poll-me" });
            using (var giveUp = new CancellationTokenSource())
            {
                var waiting = update.GetResultAsync(new RpcOptions { CancellationToken = giveUp.Token });
                await giveUp.CancelAsync();
                await Assert.ThrowsAnyAsync<Exception>(() => waiting.WithDeadline());
            }

            await handle.QueryAsync(wf => wf.GetState(new StateQuery(string.Empty))).WithDeadline();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("one")));
            var state = await handle.GetUpdateHandle<MessageState>("poll-me").GetResultAsync().WithDeadline();
            await handle.SignalAsync(wf => wf.AddAsync(new MessageItem("done")));
            await handle.GetResultAsync().WithDeadline();
            return state;
        });

        Assert.Equal(["one"], outcome.Items);
    }

    private static async Task<bool> Exists(WorkflowHandle handle)
    {
        try
        {
            await handle.DescribeAsync();
            return true;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }
}
