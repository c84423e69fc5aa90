using System.Globalization;
using System.Text;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// A canonical spec ready to answer "when next": the earliest calendar or interval time after an instant, within
/// start/end times, not excluded by a skip calendar, with the spec's jitter added deterministically.
/// </summary>
internal sealed class CompiledScheduleSpec
{
    private readonly CompiledCalendar[] _calendars;
    private readonly CompiledCalendar[] _excludes;
    private readonly (long Every, long Phase)[] _intervals;
    private readonly DateTime? _start;
    private readonly DateTime? _end;
    private readonly TimeSpan _jitter;

    public CompiledScheduleSpec(ScheduleSpec canonical, TimeZoneInfo zone)
    {
        Canonical = canonical;
        _calendars = [.. canonical.StructuredCalendar.Select(c => new CompiledCalendar(c, zone))];
        _excludes = [.. canonical.ExcludeStructuredCalendar.Select(c => new CompiledCalendar(c, zone))];
        _intervals = [.. canonical.Interval.Select(i => ((long)i.Interval.ToTimeSpan().TotalSeconds, (long)(i.Phase?.ToTimeSpan().TotalSeconds ?? 0)))];
        _start = canonical.StartTime?.ToDateTime();
        _end = canonical.EndTime?.ToDateTime();
        _jitter = canonical.Jitter?.ToTimeSpan() ?? TimeSpan.Zero;
    }

    /// <summary>The spec as stored (cron strings and calendars already turned into structured calendars and intervals).</summary>
    public ScheduleSpec Canonical { get; }

    /// <summary>The next action time after <paramref name="after"/>: its nominal time and the jittered actual time; null when none is left.</summary>
    public ScheduleTime? Next(DateTime after, string jitterSeed)
    {
        if (_start is { } start && after < start.AddSeconds(-1))
        {
            after = start.AddSeconds(-1);
        }

        // An over-excluded spec must not spin for ever; the server bounds the search the same way.
        for (var i = 0; i < 100_000; i++)
        {
            var nominal = RawNext(after);
            if (nominal is null || (_end is { } end && nominal > end))
            {
                return null;
            }

            if (!_excludes.Any(exclude => exclude.Matches(nominal.Value)))
            {
                var maxJitter = _jitter;
                if (maxJitter > TimeSpan.Zero && RawNext(nominal.Value) is { } following && following - nominal.Value < maxJitter)
                {
                    maxJitter = following - nominal.Value;
                }

                return new ScheduleTime(nominal.Value, nominal.Value + Jitter(nominal.Value, jitterSeed, maxJitter));
            }

            after = nominal.Value;
        }

        return null;
    }

    private DateTime? RawNext(DateTime after)
    {
        DateTime? best = null;
        foreach (var calendar in _calendars)
        {
            if (calendar.Next(after) is { } next && (best is null || next < best))
            {
                best = next;
            }
        }

        var seconds = (long)Math.Floor((after - DateTime.UnixEpoch).TotalSeconds);
        foreach (var (every, phase) in _intervals)
        {
            var next = DateTime.UnixEpoch.AddSeconds((Math.Floor((double)(seconds - phase) / every) + 1) * every + phase);
            if (best is null || next < best)
            {
                best = next;
            }
        }

        return best;
    }

    /// <summary>A fraction of the allowed jitter picked by hashing the nominal time and the schedule, so it is stable.</summary>
    private static TimeSpan Jitter(DateTime nominal, string seed, TimeSpan maxJitter)
    {
        if (maxJitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(nominal.Ticks.ToString(CultureInfo.InvariantCulture) + seed))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var milliseconds = (long)Math.Min(maxJitter.TotalMilliseconds, uint.MaxValue);
        return TimeSpan.FromMilliseconds((long)(((ulong)hash * (ulong)milliseconds) >> 32));
    }
}
