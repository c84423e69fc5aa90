using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>
/// Every overlap policy, on a schedule firing each second whose runs wait to be released: what happens to the
/// actions that come due while one runs.
/// </summary>
public class ScheduleOverlapTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();
    private readonly string _baseId = Unique.WorkflowId("overlap");

    [Fact]
    public async Task Skip_WhileRunning_DropsDueActions()
    {
        await RunAsync(ScheduleOverlapPolicy.Skip, async handle =>
        {
            var held = await handle.WaitAsync(d => d.Info.NumActionsSkippedOverlap >= 2, "two skipped actions");
            Assert.Equal(1, held.Info.NumActions);
            var first = ((ScheduleActionExecutionStartWorkflow)Assert.Single(held.Info.RunningActions)).WorkflowId;

            await ReleaseAsync(first);

            var after = await handle.WaitAsync(d => d.Info.NumActions >= 2, "an action once the first closed");
            var second = ScheduleKit.NominalTime(after.StartedIds()[1], _baseId);
            Assert.True(second - ScheduleKit.NominalTime(first, _baseId) >= TimeSpan.FromSeconds(3), "a skipped action started after all");
        });
    }

    [Fact]
    public async Task BufferOne_WhileRunning_KeepsOnlyTheFirstDueAction()
    {
        await RunAsync(ScheduleOverlapPolicy.BufferOne, async handle =>
        {
            var held = await handle.WaitAsync(d => d.Info.NumActionsSkippedOverlap >= 1, "an action beyond the buffered one skipped");
            Assert.Equal(1, held.Info.NumActions);
            Assert.Equal(1, await BufferSizeAsync(handle));
            var first = ((ScheduleActionExecutionStartWorkflow)Assert.Single(held.Info.RunningActions)).WorkflowId;

            await ReleaseAsync(first);

            var after = await handle.WaitAsync(d => d.Info.NumActions >= 2, "the buffered action");
            Assert.Equal(TimeSpan.FromSeconds(1), ScheduleKit.NominalTime(after.StartedIds()[1], _baseId) - ScheduleKit.NominalTime(first, _baseId));
        });
    }

    [Fact]
    public async Task BufferAll_WhileRunning_StartsEveryDueActionInTurn()
    {
        await RunAsync(ScheduleOverlapPolicy.BufferAll, async handle =>
        {
            await Agentic.Testing.Poll.UntilAsync(async () => await BufferSizeAsync(handle) >= 2, Deadlines.Result, "two buffered actions");
            var held = await handle.DescribeAsync();
            Assert.Equal(1, held.Info.NumActions);
            Assert.Equal(0, held.Info.NumActionsSkippedOverlap);
            var first = ((ScheduleActionExecutionStartWorkflow)Assert.Single(held.Info.RunningActions)).WorkflowId;

            await ReleaseAsync(first);
            var second = (await handle.WaitAsync(d => d.Info.NumActions >= 2, "the first buffered action")).StartedIds()[1];
            await ReleaseAsync(second);
            var third = (await handle.WaitAsync(d => d.Info.NumActions >= 3, "the second buffered action")).StartedIds()[2];

            var start = ScheduleKit.NominalTime(first, _baseId);
            Assert.Equal(start.AddSeconds(1), ScheduleKit.NominalTime(second, _baseId));
            Assert.Equal(start.AddSeconds(2), ScheduleKit.NominalTime(third, _baseId));
        });
    }

    [Fact]
    public async Task CancelOther_WhileRunning_CancelsItThenStarts()
    {
        await RunAsync(ScheduleOverlapPolicy.CancelOther, async handle =>
        {
            var after = await handle.WaitAsync(d => d.Info.NumActions >= 2, "a second action");
            var first = _client.GetWorkflowHandle(after.StartedIds()[0]);

            var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => first.GetResultAsync<ScheduledOutput>().WithDeadline());
            Assert.IsType<CanceledFailureException>(error.InnerException);
            await AssertStartedAfterCloseAsync(after, first);
            Assert.Equal(0, after.Info.NumActionsSkippedOverlap);
        });
    }

    [Fact]
    public async Task TerminateOther_WhileRunning_TerminatesItThenStarts()
    {
        await RunAsync(ScheduleOverlapPolicy.TerminateOther, async handle =>
        {
            var after = await handle.WaitAsync(d => d.Info.NumActions >= 2, "a second action");
            var first = _client.GetWorkflowHandle(after.StartedIds()[0]);

            Assert.Equal(WorkflowExecutionStatus.Terminated, (await first.DescribeAsync()).Status);
            await AssertStartedAfterCloseAsync(after, first);
        });
    }

    /// <summary>The second action started only once the first had closed (the policy waits for the stop to land).</summary>
    private static async Task AssertStartedAfterCloseAsync(ScheduleDescription after, WorkflowHandle first)
    {
        var closed = (await first.DescribeAsync()).CloseTime;
        Assert.NotNull(closed);
        var secondStarted = after.Info.RecentActions.ElementAt(1).StartedAt;
        Assert.True(secondStarted >= closed.Value.AddMilliseconds(-1), $"second started {secondStarted:o}, first closed {closed:o}");
    }

    [Fact]
    public async Task AllowAll_WhileRunning_StartsEveryAction()
    {
        await RunAsync(ScheduleOverlapPolicy.AllowAll, async handle =>
        {
            var after = await handle.WaitAsync(d => d.Info.NumActions >= 3, "three actions");

            foreach (var id in after.StartedIds().Take(3))
            {
                Assert.Equal(WorkflowExecutionStatus.Running, (await _client.GetWorkflowHandle(id).DescribeAsync()).Status);
            }

            Assert.Equal(0, after.Info.NumActionsSkippedOverlap);
        });
    }

    private async Task RunAsync(ScheduleOverlapPolicy policy, Func<ScheduleHandle, Task> body)
    {
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<ScheduledWorkflow>());
        await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.CreateScheduleAsync(
                Unique.WorkflowId("overlap-schedule"),
                new Schedule(ScheduleKit.Action("hold", _baseId, _taskQueue), ScheduleKit.EverySecond) { Policy = new SchedulePolicy { Overlap = policy } });
            try
            {
                await body(handle);
            }
            finally
            {
                await handle.DeleteQuietlyAsync();
                await foreach (var run in _client.ListWorkflowsAsync($"WorkflowId STARTS_WITH '{_baseId}' AND ExecutionStatus = 'Running'"))
                {
                    await _client.GetWorkflowHandle(run.Id).TerminateAsync("test over");
                }
            }
        });
    }

    private Task ReleaseAsync(string workflowId) =>
        _client.GetWorkflowHandle<ScheduledWorkflow>(workflowId).SignalAsync(wf => wf.ReleaseAsync(new ReleaseScheduled("next")));

    private async Task<long> BufferSizeAsync(ScheduleHandle handle) =>
        (await _client.WorkflowService.DescribeScheduleAsync(new DescribeScheduleRequest { Namespace = _client.Options.Namespace, ScheduleId = handle.Id })).Info.BufferSize;
}
