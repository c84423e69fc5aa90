using System.Diagnostics;
using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.ChildWorkflows;

public class ChildWorkflowTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker() => new(
        _client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<ParentWorkflow>().AddWorkflow<ChildWorkflow>());

    private static Task ReplayAsync(WorkflowHandle handle) =>
        HistoryAssert.ReplaysAsync(handle, o => o.AddWorkflow<ParentWorkflow>().AddWorkflow<ChildWorkflow>());

    private async Task<(WorkflowHandle<ParentWorkflow, ParentOutput> Handle, ParentOutput Result)> RunParentAsync(ParentInput input, TimeSpan? deadline = null)
    {
        using var worker = NewWorker();
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync((ParentWorkflow wf) => wf.RunAsync(input), new WorkflowOptions(Unique.WorkflowId("parent"), _taskQueue));
            return (handle, await handle.GetResultAsync().WithDeadline(deadline));
        });
    }

    [Fact]
    public async Task ChildWorkflows_FanOutTo200_AllResultsGathered()
    {
        var watch = Stopwatch.StartNew();

        var (handle, result) = await RunParentAsync(new ParentInput("fan-out", Children: 200), TimeSpan.FromSeconds(120));

        Assert.Equal(2L * Enumerable.Range(0, 200).Sum(), result.Sum);
        var events = await handle.EventsAsync();
        Assert.Equal(200, events.OfType(EventType.StartChildWorkflowExecutionInitiated).Count());
        Assert.Equal(200, events.OfType(EventType.ChildWorkflowExecutionStarted).Count());
        Assert.Equal(200, events.OfType(EventType.ChildWorkflowExecutionCompleted).Count());
        var child = await _client.GetWorkflowHandle(result.ChildIds[123]).DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.Completed, child.Status);
        Assert.Equal(handle.Id, child.ParentId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"fan-out took {watch.Elapsed}");
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task ParentClosePolicy_Terminate_ChildTerminatedWithParent()
    {
        var (_, result) = await RunParentAsync(new ParentInput("close-policy", ClosePolicy: nameof(Temporalio.Workflows.ParentClosePolicy.Terminate)));

        var child = _client.GetWorkflowHandle(result.ChildIds[0]);
        await Agentic.Testing.Poll.UntilAsync(
            async () => (await child.DescribeAsync()).Status == WorkflowExecutionStatus.Terminated, Deadlines.Result, "child terminated");
    }

    [Fact]
    public async Task ParentClosePolicy_RequestCancel_ChildCanceledWithParent()
    {
        using var worker = NewWorker();
        var status = await worker.ExecuteAsync(async () =>
        {
            var input = new ParentInput("close-policy", ClosePolicy: nameof(Temporalio.Workflows.ParentClosePolicy.RequestCancel));
            var handle = await _client.StartWorkflowAsync(
                (ParentWorkflow wf) => wf.RunAsync(input),
                new WorkflowOptions(Unique.WorkflowId("parent"), _taskQueue));
            var result = await handle.GetResultAsync().WithDeadline();
            var child = _client.GetWorkflowHandle(result.ChildIds[0]);
            await Agentic.Testing.Poll.UntilAsync(
                async () => (await child.DescribeAsync()).Status != WorkflowExecutionStatus.Running, Deadlines.Result, "child closed");
            return (await child.DescribeAsync()).Status;
        });

        Assert.Equal(WorkflowExecutionStatus.Canceled, status);
    }

    [Fact]
    public async Task ParentClosePolicy_Abandon_ChildKeepsRunning()
    {
        using var worker = NewWorker();

        var (statusAfterParent, childResult, parentId) = await worker.ExecuteAsync(async () =>
        {
            var input = new ParentInput("close-policy", ClosePolicy: nameof(Temporalio.Workflows.ParentClosePolicy.Abandon));
            var handle = await _client.StartWorkflowAsync(
                (ParentWorkflow wf) => wf.RunAsync(input),
                new WorkflowOptions(Unique.WorkflowId("parent"), _taskQueue));
            var result = await handle.GetResultAsync().WithDeadline();
            var child = _client.GetWorkflowHandle<ChildWorkflow, ChildOutput>(result.ChildIds[0]);
            var status = (await child.DescribeAsync()).Status;
            await child.SignalAsync(wf => wf.FinishAsync(new FinishSignal(5)));
            return (status, await child.GetResultAsync().WithDeadline(), handle.Id);
        });

        Assert.Equal(WorkflowExecutionStatus.Running, statusAfterParent);
        Assert.Equal(new ChildOutput(5, parentId), childResult);
    }

    [Fact]
    public async Task ChildWorkflow_CanceledByParent_ParentSeesCanceledFailure()
    {
        var (handle, result) = await RunParentAsync(new ParentInput("cancel-child"));

        Assert.Equal("child canceled", result.Outcome);
        Assert.Equal(WorkflowExecutionStatus.Canceled, (await _client.GetWorkflowHandle(result.ChildIds[0]).DescribeAsync()).Status);
        var events = await handle.EventsAsync();
        Assert.Single(events.OfType(EventType.RequestCancelExternalWorkflowExecutionInitiated));
        Assert.Single(events.OfType(EventType.ChildWorkflowExecutionCanceled));
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task StartChildWorkflow_IdInUse_ParentSeesAlreadyStarted()
    {
        var (handle, result) = await RunParentAsync(new ParentInput("duplicate-child"));

        Assert.Equal($"duplicate rejected: {handle.Id}-child", result.Outcome);
        var events = await handle.EventsAsync();
        var failed = Assert.Single(events.OfType(EventType.StartChildWorkflowExecutionFailed));
        Assert.Equal(StartChildWorkflowExecutionFailedCause.WorkflowAlreadyExists, failed.StartChildWorkflowExecutionFailedEventAttributes.Cause);
        await ReplayAsync(handle);
        // The default parent close policy terminates the original child with its parent.
        var child = _client.GetWorkflowHandle(result.ChildIds[0]);
        await Agentic.Testing.Poll.UntilAsync(
            async () => (await child.DescribeAsync()).Status == WorkflowExecutionStatus.Terminated, Deadlines.Result, "child terminated");
    }

    [Fact]
    public async Task ChildWorkflow_SignaledByParent_Finishes()
    {
        var (handle, result) = await RunParentAsync(new ParentInput("signal-child"));

        Assert.Equal("child finished with 7", result.Outcome);
        var events = await handle.EventsAsync();
        var initiated = Assert.Single(events.OfType(EventType.SignalExternalWorkflowExecutionInitiated));
        Assert.True(initiated.SignalExternalWorkflowExecutionInitiatedEventAttributes.ChildWorkflowOnly);
        Assert.Single(events.OfType(EventType.ExternalWorkflowExecutionSignaled));
        await ReplayAsync(handle);
    }

    [Fact]
    public async Task ChildWorkflow_Fails_ParentSeesApplicationFailure()
    {
        var (handle, result) = await RunParentAsync(new ParentInput("child-fails"));

        Assert.Equal("ChildBroke: child 9 failed", result.Outcome);
        Assert.Equal($"{handle.Id}-child", result.ChildIds[0]);
        Assert.Single((await handle.EventsAsync()).OfType(EventType.ChildWorkflowExecutionFailed));
        await ReplayAsync(handle);
    }
}
