using System.Globalization;

namespace Agentic.Emulator.Executions;

/// <summary>
/// A standard five-field cron expression (minute hour day-of-month month day-of-week, with *, lists,
/// ranges and steps) or a descriptor (@hourly, @daily, @weekly, @monthly, @yearly, @every 30m), in UTC.
/// </summary>
internal sealed class CronSchedule
{
    private readonly bool[] _minutes = new bool[60];
    private readonly bool[] _hours = new bool[24];
    private readonly bool[] _days = new bool[32];
    private readonly bool[] _months = new bool[13];
    private readonly bool[] _weekdays = new bool[7];
    private readonly bool _anyDay;
    private readonly bool _anyWeekday;
    private readonly TimeSpan? _every;

    private CronSchedule(string expression)
    {
        var text = expression.Trim();
        if (text.StartsWith("@every ", StringComparison.OrdinalIgnoreCase))
        {
            _every = ParseInterval(text[7..].Trim());
            return;
        }

        text = text.ToLowerInvariant() switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => text,
        };
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"cron_schedule '{expression}' must have five fields");
        }

        Fill(_minutes, fields[0], 0, 59);
        Fill(_hours, fields[1], 0, 23);
        Fill(_days, fields[2], 1, 31);
        Fill(_months, fields[3], 1, 12);
        var weekdays = new bool[8];
        Fill(weekdays, fields[4], 0, 7);
        for (var i = 0; i < 7; i++)
        {
            _weekdays[i] = weekdays[i] || (i == 0 && weekdays[7]);
        }

        _anyDay = fields[2] is "*" or "?";
        _anyWeekday = fields[4] is "*" or "?";
    }

    public static CronSchedule Parse(string expression) => new(expression);

    public static bool TryParse(string expression, out CronSchedule? schedule)
    {
        try
        {
            schedule = new CronSchedule(expression);
            return true;
        }
        catch (FormatException)
        {
            schedule = null;
            return false;
        }
    }

    /// <summary>The first matching instant strictly after <paramref name="after"/>.</summary>
    public DateTime Next(DateTime after)
    {
        if (_every is { } every)
        {
            var ticks = (after.Ticks / every.Ticks + 1) * every.Ticks;
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return t;
            }
        }

        throw new FormatException("cron_schedule never fires");
    }

    private bool DayMatches(DateTime t)
    {
        var day = _days[t.Day];
        var weekday = _weekdays[(int)t.DayOfWeek];

        // Cron's rule: when both day fields are restricted, either may match.
        return _anyDay || _anyWeekday ? day && weekday : day || weekday;
    }

    private static void Fill(bool[] slots, string field, int min, int max)
    {
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = int.Parse(part[(slash + 1)..], CultureInfo.InvariantCulture);
                range = part[..slash];
            }

            int from, to;
            if (range is "*" or "?")
            {
                (from, to) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var bounds = range.Split('-');
                (from, to) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[1], CultureInfo.InvariantCulture));
            }
            else
            {
                from = int.Parse(range, CultureInfo.InvariantCulture);
                to = slash >= 0 ? max : from;
            }

            if (from < min || to > max || from > to || step < 1)
            {
                throw new FormatException($"cron field '{field}' is out of range");
            }

            for (var i = from; i <= to; i += step)
            {
                slots[i] = true;
            }
        }
    }

    /// <summary>A Go-style duration ("90s", "1h30m", "2d"), as `@every` takes; schedules parse theirs with it too.</summary>
    internal static TimeSpan ParseInterval(string text)
    {
        var total = TimeSpan.Zero;
        var number = 0.0;
        var digits = string.Empty;
        foreach (var c in text)
        {
            if (char.IsDigit(c) || c == '.')
            {
                digits += c;
                continue;
            }

            number = double.Parse(digits, CultureInfo.InvariantCulture);
            digits = string.Empty;
            total += c switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                'd' => TimeSpan.FromDays(number),
                _ => throw new FormatException($"unknown unit '{c}' in @every"),
            };
        }

        return total > TimeSpan.Zero ? total : throw new FormatException("@every needs a positive interval");
    }
}
