using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// One structured calendar, compiled: a time matches when its second, minute, hour, day of month, month, year and
/// day of week (all of them, as on the server) are in the calendar's ranges, read in the schedule's time zone.
/// Local times a DST change skips never match; a matching time in a repeated hour matches in both copies.
/// </summary>
internal sealed class CompiledCalendar
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private readonly TimeZoneInfo _zone;
    private readonly int[] _seconds;
    private readonly int[] _minutes;
    private readonly int[] _hours;
    private readonly bool[] _days = new bool[32];
    private readonly bool[] _months = new bool[13];
    private readonly bool[] _weekdays = new bool[7];
    private readonly HashSet<int>? _years;

    public CompiledCalendar(StructuredCalendarSpec spec, TimeZoneInfo zone)
    {
        _zone = zone;
        _seconds = Values(spec.Second, 59);
        _minutes = Values(spec.Minute, 59);
        _hours = Values(spec.Hour, 23);
        Mark(_days, spec.DayOfMonth);
        Mark(_months, spec.Month);
        Mark(_weekdays, spec.DayOfWeek);
        _years = spec.Year.Count == 0 ? null : [.. Expand(spec.Year, MaxYear)];
    }

    public bool Matches(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, _zone);
        return DayMatches(local.Date)
            && Array.BinarySearch(_hours, local.Hour) >= 0
            && Array.BinarySearch(_minutes, local.Minute) >= 0
            && Array.BinarySearch(_seconds, local.Second) >= 0;
    }

    /// <summary>The first matching instant strictly after <paramref name="after"/> (whole seconds), or null.</summary>
    public DateTime? Next(DateTime after)
    {
        if (_seconds.Length == 0 || _minutes.Length == 0 || _hours.Length == 0)
        {
            return null;
        }

        // Start a day early: near a DST change a local day can begin before the UTC instant suggests.
        var afterLocal = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(after, _zone), DateTimeKind.Unspecified);
        var day = afterLocal.Date.AddDays(-1);
        while (day.Year <= MaxYear)
        {
            if (_years is not null && !_years.Contains(day.Year))
            {
                day = new DateTime(day.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
                continue;
            }

            if (!_months[day.Month])
            {
                day = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                continue;
            }

            if (DayMatches(day) && FirstInDay(day, after, afterLocal) is { } found)
            {
                return found;
            }

            day = day.AddDays(1);
        }

        return null;
    }

    private bool DayMatches(DateTime day) =>
        (_years is null || _years.Contains(day.Year)) && _months[day.Month] && _days[day.Day] && _weekdays[(int)day.DayOfWeek];

    private DateTime? FirstInDay(DateTime day, DateTime after, DateTime afterLocal)
    {
        var shifts = _zone.GetUtcOffset(day) != _zone.GetUtcOffset(day.AddDays(1).AddTicks(-1))
            || _zone.IsInvalidTime(day) || _zone.IsAmbiguousTime(day);
        if (!shifts)
        {
            // One offset all day: local order is UTC order, so search the sorted fields directly.
            if (day < afterLocal.Date)
            {
                return null;
            }

            var time = day == afterLocal.Date ? NextTimeOfDay(afterLocal.TimeOfDay) : new TimeSpan(_hours[0], _minutes[0], _seconds[0]);
            if (time is null)
            {
                return null;
            }

            var utc = TimeZoneInfo.ConvertTimeToUtc(day.Add(time.Value), _zone);
            if (utc > after)
            {
                return utc;
            }
        }

        // On a day with a DST change local order and UTC order differ, so take the earliest of all candidates.
        DateTime? best = null;
        foreach (var hour in _hours)
        {
            foreach (var minute in _minutes)
            {
                foreach (var second in _seconds)
                {
                    var local = day.Add(new TimeSpan(hour, minute, second));
                    if (_zone.IsInvalidTime(local))
                    {
                        continue;
                    }

                    foreach (var utc in ToUtc(local))
                    {
                        if (utc > after && (best is null || utc < best))
                        {
                            best = utc;
                        }
                    }

                }
            }
        }

        return best;
    }

    /// <summary>The first matching time of day strictly after <paramref name="time"/>, or null when none is left today.</summary>
    private TimeSpan? NextTimeOfDay(TimeSpan time)
    {
        var (h, m, s) = (time.Hours, time.Minutes, time.Seconds);
        var hi = FirstAtLeast(_hours, h);
        if (hi < _hours.Length && _hours[hi] == h)
        {
            var mi = FirstAtLeast(_minutes, m);
            if (mi < _minutes.Length && _minutes[mi] == m)
            {
                var si = FirstAtLeast(_seconds, s + 1);
                if (si < _seconds.Length)
                {
                    return new TimeSpan(h, m, _seconds[si]);
                }

                mi++;
            }

            if (mi < _minutes.Length)
            {
                return new TimeSpan(h, _minutes[mi], _seconds[0]);
            }

            hi++;
        }

        return hi < _hours.Length ? new TimeSpan(_hours[hi], _minutes[0], _seconds[0]) : null;
    }

    private static int FirstAtLeast(int[] sorted, int value)
    {
        var index = Array.BinarySearch(sorted, value);
        return index >= 0 ? index : ~index;
    }

    private IEnumerable<DateTime> ToUtc(DateTime local)
    {
        if (_zone.IsAmbiguousTime(local))
        {
            foreach (var offset in _zone.GetAmbiguousTimeOffsets(local))
            {
                yield return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
            }

            yield break;
        }

        yield return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }

    private static int[] Values(IEnumerable<Temporalio.Api.Schedule.V1.Range> ranges, int max) =>
        [.. Expand(ranges, max).Where(v => v >= 0 && v <= max).Distinct().Order()];

    private static void Mark(bool[] slots, IEnumerable<Temporalio.Api.Schedule.V1.Range> ranges)
    {
        foreach (var value in Expand(ranges, slots.Length - 1))
        {
            if (value >= 0 && value < slots.Length)
            {
                slots[value] = true;
            }
        }
    }

    private static IEnumerable<int> Expand(IEnumerable<Temporalio.Api.Schedule.V1.Range> ranges, int max)
    {
        foreach (var range in ranges)
        {
            var step = range.Step <= 0 ? 1 : range.Step;
            var end = Math.Min(range.End < range.Start ? range.Start : range.End, max);
            for (var value = range.Start; value <= end; value += step)
            {
                yield return value;
            }
        }
    }
}
