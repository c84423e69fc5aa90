using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>Create, describe, list, pause, trigger, update and delete through the SDK's schedule API, on real time.</summary>
public class ScheduleTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly SearchAttributeKey<string> ScheduledById = SearchAttributeKey.CreateKeyword("TemporalScheduledById");
    private static readonly SearchAttributeKey<DateTimeOffset> ScheduledStartTime = SearchAttributeKey.CreateDateTimeOffset("TemporalScheduledStartTime");
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker() => new(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<ScheduledWorkflow>());

    [Fact]
    public async Task CreateSchedule_EverySecond_StartsWorkflowsNamedByNominalTimeWithScheduleAttributes()
    {
        var scheduleId = Unique.WorkflowId("every-second");
        var baseId = Unique.WorkflowId("scheduled");
        using var worker = NewWorker();
        await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.CreateScheduleAsync(scheduleId, new Schedule(ScheduleKit.Action("complete", baseId, _taskQueue), ScheduleKit.EverySecond));
            try
            {
                var description = await handle.WaitAsync(
                    d => d.Info.RecentActions.Count >= 2 && d.Info.RunningActions.Count == 0, "two scheduled runs completed");

                var first = description.Info.RecentActions.First();
                var firstId = ((ScheduleActionExecutionStartWorkflow)first.Action).WorkflowId;
                var nominal = ScheduleKit.NominalTime(firstId, baseId);
                Assert.Equal(nominal, first.ScheduledAt);
                Assert.True(first.StartedAt >= first.ScheduledAt, $"started {first.StartedAt:o} before its time {first.ScheduledAt:o}");
                var second = ScheduleKit.NominalTime(description.StartedIds()[1], baseId);
                // One second apart, or more when the default skip policy dropped an action that came due mid-run.
                Assert.True(second - nominal >= TimeSpan.FromSeconds(1) && (second - nominal).Ticks % TimeSpan.TicksPerSecond == 0, $"{nominal:o} then {second:o}");

                var run = await _client.GetWorkflowHandle(firstId).DescribeAsync();
                Assert.Equal(scheduleId, run.TypedSearchAttributes.Get(ScheduledById));
                Assert.Equal(nominal, run.TypedSearchAttributes.Get(ScheduledStartTime).UtcDateTime);
                Assert.Equal(WorkflowExecutionStatus.Completed, run.Status);

                // The next run sees the last completed run's result, as a scheduled workflow does on the server.
                var output = await _client.GetWorkflowHandle(description.StartedIds()[1]).GetResultAsync<ScheduledOutput>().WithDeadline();
                Assert.Equal(firstId, output.PreviousResult);

                var listed = new List<string>();
                await foreach (var execution in _client.ListWorkflowsAsync($"TemporalScheduledById = '{scheduleId}'"))
                {
                    listed.Add(execution.Id);
                }

                Assert.Contains(firstId, listed);
                Assert.All(listed, id => Assert.StartsWith(baseId + "-", id, StringComparison.Ordinal));
            }
            finally
            {
                await handle.DeleteQuietlyAsync();
            }
        });
    }

    [Fact]
    public async Task DescribeSchedule_CronStringWithMemoAndAttributes_ShowsCalendarNextTimesAndOptions()
    {
        var scheduleId = Unique.WorkflowId("cron");
        var attributes = new SearchAttributeCollection.Builder().Set(TestSearchAttributes.Keyword, "evals").ToSearchAttributeCollection();
        var handle = await _client.CreateScheduleAsync(
            scheduleId,
            new Schedule(ScheduleKit.Action("complete", "wf", _taskQueue), new ScheduleSpec { CronExpressions = ["0 12 * * MON-FRI"] }),
            new ScheduleOptions { Memo = new Dictionary<string, object> { ["owner"] = "eval-team" }, TypedSearchAttributes = attributes });
        try
        {
            var description = await handle.DescribeAsync();

            // The server stores a cron string as a structured calendar.
            Assert.Empty(description.Schedule.Spec.CronExpressions);
            var calendar = Assert.Single(description.Schedule.Spec.Calendars);
            Assert.Equal([new ScheduleRange(12, 12, 1)], calendar.Hour);
            Assert.Equal([new ScheduleRange(0, 0, 1)], calendar.Minute);
            Assert.Equal([new ScheduleRange(1, 5, 1)], calendar.DayOfWeek);
            Assert.Equal(10, description.Info.NextActionTimes.Count);
            Assert.All(description.Info.NextActionTimes, t =>
            {
                Assert.Equal(new TimeSpan(12, 0, 0), t.TimeOfDay);
                Assert.InRange((int)t.DayOfWeek, 1, 5);
            });
            Assert.True(description.Info.NextActionTimes.First() > DateTime.UtcNow.AddSeconds(-5));
            Assert.Equal(ScheduleOverlapPolicy.Skip, description.Schedule.Policy.Overlap);
            Assert.Equal(TimeSpan.FromDays(365), description.Schedule.Policy.CatchupWindow);
            Assert.Equal("eval-team", await description.Memo["owner"].ToValueAsync<string>());
            Assert.Equal("evals", description.TypedSearchAttributes.Get(TestSearchAttributes.Keyword));
            Assert.Equal(0, description.Info.NumActions);
            Assert.InRange(description.Info.CreatedAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
            Assert.Equal("ScheduledWorkflow", ((ScheduleActionStartWorkflow)description.Schedule.Action).Workflow);
        }
        finally
        {
            await handle.DeleteQuietlyAsync();
        }
    }

    [Fact]
    public async Task ListSchedules_Query_FiltersByIdPausedStateAndAttributes()
    {
        var tag = $"list{Guid.NewGuid():N}";
        var attributes = new SearchAttributeCollection.Builder().Set(TestSearchAttributes.Keyword, tag).ToSearchAttributeCollection();
        var ids = new[] { Unique.WorkflowId("list-a"), Unique.WorkflowId("list-b") };
        var handles = new List<ScheduleHandle>();
        foreach (var (id, paused) in ids.Zip([false, true]))
        {
            handles.Add(await _client.CreateScheduleAsync(
                id,
                new Schedule(ScheduleKit.Action("complete", "wf", _taskQueue), new ScheduleSpec { CronExpressions = ["@daily"] })
                {
                    State = new ScheduleState { Paused = paused, Note = paused ? "held" : null },
                },
                new ScheduleOptions { TypedSearchAttributes = attributes }));
        }

        try
        {
            var tagged = await ListAsync($"EmuKeyword = '{tag}'");
            var paused = await ListAsync($"EmuKeyword = '{tag}' AND TemporalSchedulePaused = true");
            var byId = await ListAsync($"ScheduleId = '{ids[0]}'");

            Assert.Equal(ids.Order(), tagged.Select(s => s.Id).Order());
            var held = Assert.Single(paused);
            Assert.Equal(ids[1], held.Id);
            Assert.True(held.Schedule!.State.Paused);
            Assert.Equal("held", held.Schedule.State.Note);
            var one = Assert.Single(byId);
            Assert.Equal("ScheduledWorkflow", ((ScheduleListActionStartWorkflow)one.Schedule!.Action).Workflow);
            Assert.Equal(5, one.Info!.NextActionTimes.Count);
            Assert.All(one.Info.NextActionTimes, t => Assert.Equal(TimeSpan.Zero, t.TimeOfDay));
        }
        finally
        {
            foreach (var handle in handles)
            {
                await handle.DeleteQuietlyAsync();
            }
        }
    }

    [Fact]
    public async Task PauseSchedule_EverySecond_StopsActionsUntilUnpaused()
    {
        var scheduleId = Unique.WorkflowId("pause");
        using var worker = NewWorker();
        await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.CreateScheduleAsync(scheduleId, new Schedule(ScheduleKit.Action("complete", Unique.WorkflowId(), _taskQueue), ScheduleKit.EverySecond));
            try
            {
                await handle.WaitAsync(d => d.Info.NumActions >= 1, "a first action");
                await handle.PauseAsync("maintenance");
                var paused = await handle.DescribeAsync();
                var pausedAt = DateTime.UtcNow;

                // Absence needs time to pass: three interval ticks.
                await Agentic.Testing.Poll.UntilAsync(() => DateTime.UtcNow > pausedAt.AddSeconds(3), Deadlines.Result);
                var later = await handle.DescribeAsync();

                Assert.True(paused.Schedule.State.Paused);
                Assert.Equal("maintenance", paused.Schedule.State.Note);
                Assert.Equal(paused.Info.NumActions, later.Info.NumActions);

                var unpausedAt = DateTime.UtcNow;
                await handle.UnpauseAsync("back");
                var resumed = await handle.WaitAsync(d => d.Info.NumActions > later.Info.NumActions, "an action after unpausing");
                Assert.False(resumed.Schedule.State.Paused);
                Assert.Equal("back", resumed.Schedule.State.Note);

                // Paused time is skipped, not caught up, and no action came due while paused was skipped as an overlap.
                Assert.Equal(0, resumed.Info.NumActionsMissedCatchupWindow);
                Assert.Equal(paused.Info.NumActionsSkippedOverlap, resumed.Info.NumActionsSkippedOverlap);
                Assert.All(
                    resumed.Info.RecentActions.Where(a => a.ScheduledAt > pausedAt.AddSeconds(1)),
                    a => Assert.True(a.ScheduledAt > unpausedAt, $"an action at {a.ScheduledAt:o} came from the paused time (unpaused at {unpausedAt:o})"));
            }
            finally
            {
                await handle.DeleteQuietlyAsync();
            }
        });
    }

    [Fact]
    public async Task TriggerSchedule_Paused_StartsOneWorkflowAtOnce()
    {
        var baseId = Unique.WorkflowId("trigger");
        using var worker = NewWorker();
        await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.CreateScheduleAsync(
                Unique.WorkflowId("trigger-schedule"),
                new Schedule(ScheduleKit.Action("complete", baseId, _taskQueue), new ScheduleSpec { CronExpressions = ["@yearly"] })
                {
                    State = new ScheduleState { Paused = true },
                });
            try
            {
                var before = DateTime.UtcNow.AddSeconds(-1);
                await handle.TriggerAsync();

                var description = await handle.WaitAsync(d => d.Info.NumActions == 1, "the triggered action");
                var id = Assert.Single(description.StartedIds());
                var nominal = ScheduleKit.NominalTime(id, baseId);
                Assert.InRange(nominal, before, DateTime.UtcNow.AddSeconds(1));
                var result = await _client.GetWorkflowHandle(id).GetResultAsync<ScheduledOutput>().WithDeadline();
                Assert.Equal(id, result.WorkflowId);
                Assert.True((await handle.DescribeAsync()).Schedule.State.Paused);
            }
            finally
            {
                await handle.DeleteQuietlyAsync();
            }
        });
    }

    [Fact]
    public async Task TriggerImmediately_OnCreate_StartsAWorkflow()
    {
        var baseId = Unique.WorkflowId("on-create");
        var handle = await _client.CreateScheduleAsync(
            Unique.WorkflowId("create-trigger"),
            new Schedule(ScheduleKit.Action("complete", baseId, _taskQueue), new ScheduleSpec { CronExpressions = ["@yearly"] }),
            new ScheduleOptions { TriggerImmediately = true });
        try
        {
            var description = await handle.DescribeAsync();

            var id = Assert.Single(description.StartedIds());
            Assert.StartsWith(baseId + "-", id, StringComparison.Ordinal);
            Assert.Equal(WorkflowExecutionStatus.Running, (await _client.GetWorkflowHandle(id).DescribeAsync()).Status);
        }
        finally
        {
            await handle.DeleteQuietlyAsync();
        }
    }

    [Fact]
    public async Task DeleteSchedule_Existing_DescribeAnswersNotFound()
    {
        var handle = await _client.CreateScheduleAsync(
            Unique.WorkflowId("delete"), new Schedule(ScheduleKit.Action("complete", "wf", _taskQueue), new ScheduleSpec { CronExpressions = ["@hourly"] }));

        await handle.DeleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.DescribeAsync());
        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }

    [Fact]
    public async Task CreateSchedule_SameIdTwice_ThrowsScheduleAlreadyRunning()
    {
        var scheduleId = Unique.WorkflowId("twice");
        var schedule = new Schedule(ScheduleKit.Action("complete", "wf", _taskQueue), new ScheduleSpec { CronExpressions = ["@hourly"] });
        var handle = await _client.CreateScheduleAsync(scheduleId, schedule);
        try
        {
            await Assert.ThrowsAsync<ScheduleAlreadyRunningException>(() => _client.CreateScheduleAsync(scheduleId, schedule));
        }
        finally
        {
            await handle.DeleteQuietlyAsync();
        }
    }

    [Theory]
    [InlineData("0 12 * *")]
    [InlineData("61 * * * *")]
    [InlineData("CRON_TZ=Nowhere/Special 0 12 * * *")]
    public async Task CreateSchedule_BadCron_InvalidArgumentNamingSpec(string cron)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CreateScheduleAsync(
            Unique.WorkflowId("bad"), new Schedule(ScheduleKit.Action("complete", "wf", _taskQueue), new ScheduleSpec { CronExpressions = [cron] })));

        Assert.Equal(RpcException.StatusCode.InvalidArgument, error.Code);
        Assert.Contains("spec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateSchedule_NewSpecAndPolicy_DescribeShowsThemAndUpdateTime()
    {
        var handle = await _client.CreateScheduleAsync(
            Unique.WorkflowId("update"), new Schedule(ScheduleKit.Action("complete", "wf", _taskQueue), new ScheduleSpec { CronExpressions = ["@hourly"] }));
        try
        {
            await handle.UpdateAsync(input => new ScheduleUpdate(input.Description.Schedule with
            {
                Spec = new ScheduleSpec { Intervals = [new ScheduleIntervalSpec(TimeSpan.FromHours(6), TimeSpan.FromHours(1))] },
                Policy = new SchedulePolicy { Overlap = ScheduleOverlapPolicy.BufferAll, PauseOnFailure = true },
            }));

            var description = await handle.DescribeAsync();
            var interval = Assert.Single(description.Schedule.Spec.Intervals);
            Assert.Equal(TimeSpan.FromHours(6), interval.Every);
            Assert.Equal(TimeSpan.FromHours(1), interval.Offset);
            Assert.Empty(description.Schedule.Spec.Calendars);
            Assert.Equal(ScheduleOverlapPolicy.BufferAll, description.Schedule.Policy.Overlap);
            Assert.True(description.Schedule.Policy.PauseOnFailure);
            Assert.NotNull(description.Info.LastUpdatedAt);
            Assert.All(description.Info.NextActionTimes, t => Assert.Equal(1, t.Hour % 6));
        }
        finally
        {
            await handle.DeleteQuietlyAsync();
        }
    }

    private async Task<List<ScheduleListDescription>> ListAsync(string query)
    {
        var found = new List<ScheduleListDescription>();
        await foreach (var schedule in _client.ListSchedulesAsync(new ScheduleListOptions { Query = query }))
        {
            found.Add(schedule);
        }

        return found;
    }
}
