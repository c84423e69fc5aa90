using Agentic.Emulator.Tests.Common;
using Agentic.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Client.Schedules;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>A schedule on a database file outlives the emulator; on start it catches up the times it missed, within its window.</summary>
public sealed class ScheduleRestartTests : IDisposable
{
    private static readonly TimeSpan CatchupWindow = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("emulator-schedules-");

    private string Database => Path.Combine(_directory.FullName, "temporal.db");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task DatabaseFile_StoppedLongerThanCatchupWindow_CatchesUpRecentTimesAndCountsTheRestMissed()
    {
        var scheduleId = Unique.WorkflowId("durable-schedule");
        var baseId = Unique.WorkflowId("durable-run");
        var schedule = new Schedule(ScheduleKit.Action("complete", baseId, Unique.TaskQueue()), ScheduleKit.EverySecond)
        {
            Policy = new SchedulePolicy { Overlap = ScheduleOverlapPolicy.AllowAll, CatchupWindow = CatchupWindow },
        };

        DateTime stoppedAt;
        await using (var first = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { DatabaseFile = Database }))
        {
            var handle = await first.Client.CreateScheduleAsync(scheduleId, schedule);
            await handle.WaitAsync(d => d.Info.NumActions >= 1, "a first action");
            stoppedAt = DateTime.UtcNow;
        }

        // Down for longer than the catch-up window: the earliest missed times fall outside it.
        var downtime = CatchupWindow + TimeSpan.FromSeconds(3);
        await Poll.UntilAsync(() => DateTime.UtcNow > stoppedAt + downtime, downtime + Deadlines.Result);

        var restarting = DateTime.UtcNow;
        await using var second = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { DatabaseFile = Database });
        var restartedAt = DateTime.UtcNow;
        var handleAgain = second.Client.GetScheduleHandle(scheduleId);
        var caughtUp = await handleAgain.WaitAsync(d => d.Info.NumActionsMissedCatchupWindow >= 1, "missed actions counted");

        Assert.True(caughtUp.Info.NumActionsMissedCatchupWindow < (restarting - stoppedAt - CatchupWindow).TotalSeconds + 3, $"{caughtUp.Info.NumActionsMissedCatchupWindow} missed");
        Assert.Equal(CatchupWindow, caughtUp.Schedule.Policy.CatchupWindow);
        var downtimeRuns = caughtUp.StartedIds().Select(id => ScheduleKit.NominalTime(id, baseId)).Where(t => t > stoppedAt.AddSeconds(1) && t < restartedAt).ToList();
        Assert.True(downtimeRuns.Count >= 5, $"only {downtimeRuns.Count} of the times while stopped were caught up");
        Assert.All(downtimeRuns, t => Assert.True(t >= restarting - CatchupWindow - TimeSpan.FromSeconds(1), $"{t:o} is outside the window"));
        foreach (var id in caughtUp.StartedIds().TakeLast(2))
        {
            var run = await second.Client.GetWorkflowHandle(id).DescribeAsync();
            Assert.Equal(scheduleId, run.TypedSearchAttributes.Get(Temporalio.Common.SearchAttributeKey.CreateKeyword("TemporalScheduledById")));
        }
    }
}
