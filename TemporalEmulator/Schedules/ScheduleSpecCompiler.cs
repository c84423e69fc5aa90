using System.Collections.Concurrent;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// Validates a spec and brings it to the form the server stores and describes: calendars and cron strings become
/// structured calendars (a cron string's time zone moves to the spec), <c>@every</c> strings become intervals.
/// Bad specs throw <see cref="FormatException"/> with the reason.
/// </summary>
internal static class ScheduleSpecCompiler
{
    private const int MaxCommentLength = 200;

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    public static CompiledScheduleSpec Compile(ScheduleSpec? input)
    {
        var spec = input?.Clone() ?? new ScheduleSpec();
        spec.StructuredCalendar.AddRange(spec.Calendar.Select(CalendarFieldParser.ToStructured));
        spec.Calendar.Clear();
        spec.ExcludeStructuredCalendar.AddRange(spec.ExcludeCalendar.Select(CalendarFieldParser.ToStructured));
        spec.ExcludeCalendar.Clear();

        string? cronZone = null;
        foreach (var text in spec.CronString)
        {
            var parsed = CronStringParser.Parse(text);
            if (cronZone is not null && cronZone != parsed.TimeZone)
            {
                throw new FormatException("cron strings name conflicting time zones");
            }

            cronZone = parsed.TimeZone;
            if (parsed.Calendar is not null)
            {
                spec.StructuredCalendar.Add(parsed.Calendar);
            }

            if (parsed.Interval is not null)
            {
                spec.Interval.Add(parsed.Interval);
            }
        }

        spec.CronString.Clear();
        if (!string.IsNullOrEmpty(cronZone))
        {
            if ((spec.TimezoneName.Length > 0 && spec.TimezoneName != cronZone) || !spec.TimezoneData.IsEmpty)
            {
                throw new FormatException("cron string time zone conflicts with timezone_name");
            }

            spec.TimezoneName = cronZone;
        }

        foreach (var calendar in spec.StructuredCalendar.Concat(spec.ExcludeStructuredCalendar))
        {
            Validate(calendar);
        }

        foreach (var interval in spec.Interval)
        {
            var every = interval.Interval?.ToTimeSpan() ?? TimeSpan.Zero;
            var phase = interval.Phase?.ToTimeSpan() ?? TimeSpan.Zero;
            if (every < TimeSpan.FromSeconds(1))
            {
                throw new FormatException("interval is too small (at least one second)");
            }

            if (phase < TimeSpan.Zero || phase >= every)
            {
                throw new FormatException("interval phase must be at least zero and less than the interval");
            }
        }

        if (spec.Jitter is { } jitter && jitter.ToTimeSpan() < TimeSpan.Zero)
        {
            throw new FormatException("jitter is negative");
        }

        return new CompiledScheduleSpec(spec, Zone(spec.TimezoneName));
    }

    /// <summary>The described form: ranges with their defaults written out.</summary>
    public static ScheduleSpec Described(ScheduleSpec stored)
    {
        var spec = stored.Clone();
        foreach (var calendar in spec.StructuredCalendar.Concat(spec.ExcludeStructuredCalendar))
        {
            foreach (var range in calendar.Second.Concat(calendar.Minute).Concat(calendar.Hour).Concat(calendar.DayOfMonth)
                .Concat(calendar.Month).Concat(calendar.Year).Concat(calendar.DayOfWeek))
            {
                range.End = Math.Max(range.End, range.Start);
                range.Step = range.Step == 0 ? 1 : range.Step;
            }
        }

        return spec;
    }

    private static TimeZoneInfo Zone(string name)
    {
        if (string.IsNullOrEmpty(name) || name == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        var zone = Zones.GetOrAdd(name, static id =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return null;
            }
        });
        return zone ?? throw new FormatException($"unknown time zone '{name}'");
    }

    private static void Validate(StructuredCalendarSpec calendar)
    {
        Check(calendar.Second, "second", 0, 59);
        Check(calendar.Minute, "minute", 0, 59);
        Check(calendar.Hour, "hour", 0, 23);
        Check(calendar.DayOfMonth, "day_of_month", 1, 31);
        Check(calendar.Month, "month", 1, 12);
        Check(calendar.Year, "year", CompiledCalendar.MinYear, CompiledCalendar.MaxYear);
        Check(calendar.DayOfWeek, "day_of_week", 0, 6);
        if (calendar.Comment.Length > MaxCommentLength)
        {
            throw new FormatException("calendar comment is too long");
        }
    }

    private static void Check(IEnumerable<Temporalio.Api.Schedule.V1.Range> ranges, string field, int min, int max)
    {
        foreach (var range in ranges)
        {
            if (range.Start < min || range.Start > max)
            {
                throw new FormatException($"{field} start {range.Start} is not in range [{min}-{max}]");
            }

            if (range.End != 0 && (range.End < range.Start || range.End > max))
            {
                throw new FormatException($"{field} end {range.End} is before start or not in range [{min}-{max}]");
            }

            if (range.Step < 0)
            {
                throw new FormatException($"{field} step is negative");
            }
        }
    }
}
