using Agentic.Emulator.Tests.Common;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Client.Schedules;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>Each spec kind, read back through ListScheduleMatchingTimes (the raw WorkflowService call) and Describe.</summary>
public class ScheduleSpecTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTime March1 = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc); // a Monday
    private readonly ITemporalClient _client = fixture.Client;

    [Fact]
    public async Task MatchingTimes_StructuredCalendarWeekdaysAtNine_WeekdayMorningsOnly()
    {
        var spec = new ScheduleSpec { Calendars = [new ScheduleCalendarSpec { Hour = [new ScheduleRange(9)], DayOfWeek = [new ScheduleRange(1, 5)] }] };

        var times = await MatchingTimesAsync(spec, March1, March1.AddDays(14));

        DateTime[] expected = [.. Enumerable.Range(0, 14).Select(d => March1.AddDays(d).AddHours(9)).Where(t => t.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)];
        Assert.Equal(expected, times);
    }

    [Fact]
    public async Task MatchingTimes_CronWithTimeZone_FollowsDaylightSavingAndMovesZoneToSpec()
    {
        var spec = new ScheduleSpec { CronExpressions = ["CRON_TZ=America/New_York 0 9 * * *"] };
        var from = new DateTime(2027, 3, 12, 0, 0, 0, DateTimeKind.Utc); // US clocks go forward on Sunday 14 March 2027

        var (times, description) = await MatchingTimesAndDescriptionAsync(spec, from, from.AddDays(4));

        Assert.Equal(
            [At(3, 12, 14), At(3, 13, 14), At(3, 14, 13), At(3, 15, 13)],
            times);
        Assert.Equal("America/New_York", description.Schedule.Spec.TimeZoneName);
    }

    [Fact]
    public async Task MatchingTimes_TimeZoneClockChanges_SkippedTimeNeverFiresRepeatedTimeFiresTwice()
    {
        // 02:30 does not exist on 14 March 2027 in New York; 01:30 happens twice on 7 November 2027.
        var spring = await MatchingTimesAsync(
            new ScheduleSpec { CronExpressions = ["30 2 * * *"], TimeZoneName = "America/New_York" }, At(3, 13, 0), At(3, 16, 0));
        var autumn = await MatchingTimesAsync(
            new ScheduleSpec { CronExpressions = ["30 1 7 11 *"], TimeZoneName = "America/New_York" }, new DateTime(2027, 11, 7, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 11, 8, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal([At(3, 13, 7).AddMinutes(30), At(3, 15, 6).AddMinutes(30)], spring);
        Assert.Equal([new DateTime(2027, 11, 7, 5, 30, 0, DateTimeKind.Utc), new DateTime(2027, 11, 7, 6, 30, 0, DateTimeKind.Utc)], autumn);
    }

    [Fact]
    public async Task MatchingTimes_IntervalWithOffset_EveryHourAtQuarterPast()
    {
        var spec = new ScheduleSpec { Intervals = [new ScheduleIntervalSpec(TimeSpan.FromHours(1), TimeSpan.FromMinutes(15))] };

        var times = await MatchingTimesAsync(spec, March1, March1.AddHours(3));

        Assert.Equal([March1.AddMinutes(15), March1.AddMinutes(75), March1.AddMinutes(135)], times);
    }

    [Fact]
    public async Task MatchingTimes_EveryCronWithPhase_BecomesInterval()
    {
        var spec = new ScheduleSpec { CronExpressions = ["@every 90m/30m"] };

        var (times, description) = await MatchingTimesAndDescriptionAsync(spec, March1, March1.AddHours(4));

        var interval = Assert.Single(description.Schedule.Spec.Intervals);
        Assert.Equal(TimeSpan.FromMinutes(90), interval.Every);
        Assert.Equal(TimeSpan.FromMinutes(30), interval.Offset);
        Assert.All(times, t => Assert.Equal(TimeSpan.FromMinutes(30), TimeSpan.FromTicks((t - DateTime.UnixEpoch).Ticks % TimeSpan.FromMinutes(90).Ticks)));
        Assert.Equal(3, times.Count);
    }

    [Theory]
    [InlineData("@hourly", 4, "2027-03-01T01:00:00Z")]
    [InlineData("@daily", 2, "2027-03-02T00:00:00Z")]
    [InlineData("@weekly", 1, "2027-03-07T00:00:00Z")]
    [InlineData("@monthly", 1, "2027-04-01T00:00:00Z")]
    [InlineData("30 0 12 2 3 * 2027", 1, "2027-03-02T12:00:30Z")]
    [InlineData("0 0 1 jan,apr *", 1, "2027-04-01T00:00:00Z")]
    public async Task MatchingTimes_CronForms_FirstTimeAfterStart(string cron, int expectedCountInFourDaysOrMore, string first)
    {
        var from = March1.AddSeconds(1);

        var times = await MatchingTimesAsync(new ScheduleSpec { CronExpressions = [cron] }, from, from.AddDays(40));

        Assert.True(times.Count >= expectedCountInFourDaysOrMore, $"{times.Count} times");
        Assert.Equal(DateTime.Parse(first, null, System.Globalization.DateTimeStyles.AdjustToUniversal), times[0]);
    }

    [Fact]
    public async Task MatchingTimes_SkipWeekends_ExcludesMatchingTimes()
    {
        var spec = new ScheduleSpec
        {
            CronExpressions = ["0 12 * * *"],
            Skip = [new ScheduleCalendarSpec { Hour = [new ScheduleRange(0, 23)], Minute = [new ScheduleRange(0, 59)], DayOfWeek = [new ScheduleRange(0), new ScheduleRange(6)] }],
        };

        var times = await MatchingTimesAsync(spec, March1, March1.AddDays(7));

        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.InRange((int)t.DayOfWeek, 1, 5));
    }

    [Fact]
    public async Task MatchingTimes_StartAndEndTimes_BoundTheSchedule()
    {
        var spec = new ScheduleSpec { CronExpressions = ["@hourly"], StartAt = March1.AddMinutes(150), EndAt = March1.AddHours(5) };

        var times = await MatchingTimesAsync(spec, March1, March1.AddDays(1));

        Assert.Equal([March1.AddHours(3), March1.AddHours(4), March1.AddHours(5)], times);
    }

    [Fact]
    public async Task MatchingTimes_Jitter_WithinWindowAndStable()
    {
        var spec = new ScheduleSpec { CronExpressions = ["@hourly"], Jitter = TimeSpan.FromMinutes(10) };
        var handle = await CreatePausedAsync(spec);
        try
        {
            var first = await MatchingTimesAsync(handle, March1, March1.AddDays(1));
            var again = await MatchingTimesAsync(handle, March1, March1.AddDays(1));

            Assert.Equal(23, first.Count); // 01:00 to 23:00; midnight plus jitter falls after the end
            Assert.Equal(first, again);
            Assert.All(first, t => Assert.InRange(t.TimeOfDay - TimeSpan.FromHours(t.Hour), TimeSpan.Zero, TimeSpan.FromMinutes(10)));
            Assert.Contains(first, t => t.Minute != 0 || t.Second != 0);
            Assert.Equal(TimeSpan.FromMinutes(10), (await handle.DescribeAsync()).Schedule.Spec.Jitter);
        }
        finally
        {
            await handle.DeleteQuietlyAsync();
        }
    }

    private static DateTime At(int month, int day, int hour) => new(2027, month, day, hour, 0, 0, DateTimeKind.Utc);

    private async Task<List<DateTime>> MatchingTimesAsync(ScheduleSpec spec, DateTime from, DateTime to) =>
        (await MatchingTimesAndDescriptionAsync(spec, from, to)).Times;

    private async Task<(List<DateTime> Times, ScheduleDescription Description)> MatchingTimesAndDescriptionAsync(ScheduleSpec spec, DateTime from, DateTime to)
    {
        var handle = await CreatePausedAsync(spec);
        try
        {
            return (await MatchingTimesAsync(handle, from, to), await handle.DescribeAsync());
        }
        finally
        {
            await handle.DeleteQuietlyAsync();
        }
    }

    private Task<ScheduleHandle> CreatePausedAsync(ScheduleSpec spec) => _client.CreateScheduleAsync(
        Unique.WorkflowId("spec"),
        new Schedule(ScheduleKit.Action("complete", "wf", Unique.TaskQueue()), spec) { State = new ScheduleState { Paused = true } });

    private async Task<List<DateTime>> MatchingTimesAsync(ScheduleHandle handle, DateTime from, DateTime to)
    {
        var response = await _client.WorkflowService.ListScheduleMatchingTimesAsync(new ListScheduleMatchingTimesRequest
        {
            Namespace = _client.Options.Namespace,
            ScheduleId = handle.Id,
            StartTime = Timestamp.FromDateTime(from),
            EndTime = Timestamp.FromDateTime(to),
        });
        return [.. response.StartTime.Select(t => t.ToDateTime())];
    }
}
