using System.Diagnostics;
using Agentic.Emulator.Tests.Common;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>With time skipping, a schedule's next action time counts as a pending timer: an idle emulator jumps to it.</summary>
public class ScheduleTimeSkippingTests(TimeSkippingEmulatorFixture fixture) : IClassFixture<TimeSkippingEmulatorFixture>
{
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(30);
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    [Theory]
    [InlineData("0 */12 * * *")]
    [InlineData("@every 12h")]
    public async Task Schedule_TwiceADay_FiresTwiceWithinSecondsOfWallTime(string cron)
    {
        var baseId = Unique.WorkflowId("skip");
        var watch = Stopwatch.StartNew();
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<ScheduledWorkflow>());
        await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.CreateScheduleAsync(
                Unique.WorkflowId("twice-a-day"),
                new Schedule(ScheduleKit.Action("complete", baseId, _taskQueue), new ScheduleSpec { CronExpressions = [cron] })
                {
                    // Without a limit an idle emulator would race on through the virtual days.
                    State = new ScheduleState { LimitedActions = true, RemainingActions = 2 },
                });
            try
            {
                var description = await handle.WaitAsync(d => d.Info.NumActions == 2 && d.Info.RunningActions.Count == 0, "two actions");
                var ids = description.StartedIds();
                var first = ScheduleKit.NominalTime(ids[0], baseId);
                var second = ScheduleKit.NominalTime(ids[1], baseId);

                Assert.True(watch.Elapsed < WallLimit, $"took {watch.Elapsed} of wall time");
                Assert.Equal(TimeSpan.FromHours(12), second - first);
                Assert.Equal(0, first.Hour % 12);
                Assert.Equal(0, first.Minute);
                var now = (await _client.Connection.TestService.GetCurrentTimeAsync(new Empty())).Time.ToDateTime();
                Assert.True(now >= second, $"virtual clock at {now:o}, before the second action {second:o}");

                // Each run ran at its action time on the virtual clock.
                var output = await _client.GetWorkflowHandle(ids[1]).GetResultAsync<ScheduledOutput>().WithDeadline();
                Assert.InRange(output.RanAt, second, second.AddMinutes(1));
            }
            finally
            {
                await handle.DeleteQuietlyAsync();
            }
        });
    }
}
