using Agentic.Emulator.Executions;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// A schedule's cron string as the server reads it: an optional <c>CRON_TZ=</c>/<c>TZ=</c> prefix, five to seven
/// fields (minute hour day-of-month month day-of-week [year], or second first with seven), <c>@daily</c>-style
/// names, <c>@every 1h[/15m]</c>, and a trailing <c># comment</c>. It becomes a structured calendar or an interval.
/// </summary>
internal static class CronStringParser
{
    public static CronStringResult Parse(string text)
    {
        var rest = text.Trim();
        var zone = string.Empty;
        if (rest.StartsWith("TZ=", StringComparison.Ordinal) || rest.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException("cron string has a time zone but no fields");
            }

            zone = rest[(rest.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            rest = rest[(space + 1)..];
        }

        var comment = string.Empty;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            comment = rest[(hash + 1)..].Trim();
            rest = rest[..hash];
        }

        rest = rest.Trim();
        if (rest.StartsWith("@every", StringComparison.Ordinal))
        {
            return new CronStringResult(null, ParseEvery(rest), zone);
        }

        rest = rest switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => rest,
        };
        var fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var calendar = new CalendarSpec { Comment = comment };
        switch (fields.Length)
        {
            case 5 or 6:
                (calendar.Minute, calendar.Hour, calendar.DayOfMonth, calendar.Month, calendar.DayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
                calendar.Year = fields.Length == 6 ? fields[5] : string.Empty;
                break;
            case 7:
                (calendar.Second, calendar.Minute, calendar.Hour, calendar.DayOfMonth) = (fields[0], fields[1], fields[2], fields[3]);
                (calendar.Month, calendar.DayOfWeek, calendar.Year) = (fields[4], fields[5], fields[6]);
                break;
            default:
                throw new FormatException($"cron string '{text}' does not have 5-7 fields");
        }

        return new CronStringResult(CalendarFieldParser.ToStructured(calendar), null, zone);
    }

    private static IntervalSpec ParseEvery(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new FormatException("@every needs an interval");
        }

        var parts = text[(space + 1)..].Trim().Split('/');
        var interval = new IntervalSpec { Interval = Duration.FromTimeSpan(CronSchedule.ParseInterval(parts[0])) };
        if (parts.Length > 1)
        {
            interval.Phase = Duration.FromTimeSpan(CronSchedule.ParseInterval(parts[1]));
        }

        return interval;
    }
}
