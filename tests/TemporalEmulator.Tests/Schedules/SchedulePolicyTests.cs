using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>Pause on failure, the remaining-actions limit and backfills.</summary>
public class SchedulePolicyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();
    private readonly string _baseId = Unique.WorkflowId("policy");

    [Fact]
    public async Task PauseOnFailure_RunFails_PausesWithNote()
    {
        await RunAsync(
            new Schedule(ScheduleKit.Action("fail", _baseId, _taskQueue), ScheduleKit.EverySecond) { Policy = new SchedulePolicy { PauseOnFailure = true } },
            async handle =>
            {
                var paused = await handle.WaitAsync(d => d.Schedule.State.Paused, "paused after the failure");

                var failed = Assert.Single(paused.StartedIds());
                Assert.Equal($"paused due to workflow failure: {failed}: scheduled run fails", paused.Schedule.State.Note);
                Assert.Equal(1, paused.Info.NumActions);
                Assert.Equal(WorkflowExecutionStatus.Failed, (await _client.GetWorkflowHandle(failed).DescribeAsync()).Status);
            });
    }

    [Fact]
    public async Task RemainingActions_Two_StopsAfterTwoButTriggerStillRuns()
    {
        var schedule = new Schedule(ScheduleKit.Action("complete", _baseId, _taskQueue), ScheduleKit.EverySecond)
        {
            State = new ScheduleState { LimitedActions = true, RemainingActions = 2 },
        };
        await RunAsync(schedule, async handle =>
        {
            var spent = await handle.WaitAsync(d => d.Info.NumActions == 2 && d.Schedule.State.RemainingActions == 0 && d.Info.RunningActions.Count == 0, "both actions taken and done");
            Assert.Empty(spent.Info.NextActionTimes);
            Assert.True(spent.Schedule.State.LimitedActions);

            // A manual trigger is not counted against the limit (nothing runs, so the skip policy lets it start).
            await handle.TriggerAsync();
            var triggered = await handle.WaitAsync(d => d.Info.NumActions == 3, "the triggered action");
            Assert.Equal(0, triggered.Schedule.State.RemainingActions);
            Assert.Equal(3, triggered.Info.RecentActions.Count);
        });
    }

    [Fact]
    public async Task Backfill_ThreePastHours_StartsOneWorkflowPerNominalTime()
    {
        var hour = DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour);
        var schedule = new Schedule(ScheduleKit.Action("complete", _baseId, _taskQueue), new ScheduleSpec { CronExpressions = ["@hourly"] })
        {
            State = new ScheduleState { Paused = true },
        };
        await RunAsync(schedule, async handle =>
        {
            // Inclusive start: the action at exactly StartAt is taken.
            await handle.BackfillAsync([new ScheduleBackfill(hour.AddHours(-3), hour.AddHours(-1), ScheduleOverlapPolicy.AllowAll)]);

            var done = await handle.WaitAsync(d => d.Info.NumActions == 3, "three backfilled actions");
            var nominal = done.StartedIds().Select(id => ScheduleKit.NominalTime(id, _baseId)).Order().ToList();
            Assert.Equal([hour.AddHours(-3), hour.AddHours(-2), hour.AddHours(-1)], nominal);
            foreach (var id in done.StartedIds())
            {
                await _client.GetWorkflowHandle(id).GetResultAsync<ScheduledOutput>().WithDeadline();
            }

            Assert.Equal(0, done.Info.NumActionsMissedCatchupWindow);
        });
    }

    [Fact]
    public async Task Backfill_BufferAll_StartsThemOneAfterAnother()
    {
        var hour = DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour);
        var schedule = new Schedule(ScheduleKit.Action("complete", _baseId, _taskQueue), new ScheduleSpec { CronExpressions = ["@hourly"] })
        {
            State = new ScheduleState { Paused = true },
        };
        await RunAsync(schedule, async handle =>
        {
            await handle.BackfillAsync([new ScheduleBackfill(hour.AddHours(-4), hour.AddHours(-1), ScheduleOverlapPolicy.BufferAll)]);

            var done = await handle.WaitAsync(d => d.Info.NumActions == 4 && d.Info.RunningActions.Count == 0, "four backfilled actions, one at a time");
            var outputs = new List<ScheduledOutput>();
            foreach (var id in done.StartedIds())
            {
                outputs.Add(await _client.GetWorkflowHandle(id).GetResultAsync<ScheduledOutput>().WithDeadline());
            }

            // Each run started after the previous one finished, and saw its result.
            Assert.Null(outputs[0].PreviousResult);
            Assert.Equal(outputs.Take(3).Select(o => o.WorkflowId), outputs.Skip(1).Select(o => o.PreviousResult));
        });
    }

    private async Task RunAsync(Schedule schedule, Func<ScheduleHandle, Task> body)
    {
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<ScheduledWorkflow>());
        await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.CreateScheduleAsync(Unique.WorkflowId("policy-schedule"), schedule);
            try
            {
                await body(handle);
            }
            finally
            {
                await handle.DeleteQuietlyAsync();
            }
        });
    }
}
