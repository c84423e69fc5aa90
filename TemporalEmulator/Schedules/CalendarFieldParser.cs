using System.Globalization;
using Temporalio.Api.Schedule.V1;
using Range = Temporalio.Api.Schedule.V1.Range;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// Turns one calendar field's text ("*", "5", "1-5/2,8", "mon-fri", "jan") into the server's range list, the form
/// a schedule's spec is stored and described in.
/// </summary>
internal static class CalendarFieldParser
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static StructuredCalendarSpec ToStructured(CalendarSpec calendar)
    {
        var structured = new StructuredCalendarSpec { Comment = calendar.Comment };
        structured.Second.AddRange(Parse(calendar.Second, "second", "0", 0, 59, CalendarField.Number));
        structured.Minute.AddRange(Parse(calendar.Minute, "minute", "0", 0, 59, CalendarField.Number));
        structured.Hour.AddRange(Parse(calendar.Hour, "hour", "0", 0, 23, CalendarField.Number));
        structured.DayOfMonth.AddRange(Parse(calendar.DayOfMonth, "day_of_month", "*", 1, 31, CalendarField.Number));
        structured.Month.AddRange(Parse(calendar.Month, "month", "*", 1, 12, CalendarField.Month));
        structured.Year.AddRange(Parse(calendar.Year, "year", "*", CompiledCalendar.MinYear, CompiledCalendar.MaxYear, CalendarField.Year));
        structured.DayOfWeek.AddRange(Parse(calendar.DayOfWeek, "day_of_week", "*", 0, 7, CalendarField.Weekday));
        return structured;
    }

    /// <summary>Parses a comma-separated list of values, ranges and steps; throws <see cref="FormatException"/> naming the field.</summary>
    public static List<Range> Parse(string? text, string field, string fallback, int min, int max, CalendarField kind)
    {
        text = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        var ranges = new List<Range>();
        if (text == "*" && kind == CalendarField.Year)
        {
            return ranges; // every year is an empty list
        }

        foreach (var part in text.Split(','))
        {
            var (body, step) = SplitStep(part, field);
            int start = min, end = max;
            if (body != "*")
            {
                var dash = body.Split('-');
                if (dash.Length > 2)
                {
                    throw new FormatException($"{field} has too many dashes");
                }

                start = Value(dash[0], field, min, max, kind);
                end = dash.Length == 2 ? Value(dash[1], field, start, max, kind) : step > 1 ? max : start;
            }

            // Sunday may be written 7; the stored form uses 0 (and so may need a separate range for it).
            if (kind == CalendarField.Weekday && end == 7)
            {
                if ((7 - start) % step == 0 && (step > 1 || start > 1))
                {
                    ranges.Add(new Range { Start = 0 });
                    if (start == 7)
                    {
                        continue;
                    }
                }

                end = 6;
            }

            ranges.Add(new Range { Start = start, End = end == start ? 0 : end, Step = step == 1 ? 0 : step });
        }

        return ranges;
    }

    private static (string Body, int Step) SplitStep(string part, string field)
    {
        var pieces = part.Trim().Split('/');
        if (pieces.Length > 2)
        {
            throw new FormatException($"{field} has too many slashes");
        }

        if (pieces.Length == 1)
        {
            return (pieces[0], 1);
        }

        if (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1)
        {
            throw new FormatException($"{field} has an invalid step");
        }

        return (pieces[0], step);
    }

    private static int Value(string text, string field, int min, int max, CalendarField kind)
    {
        var names = kind switch
        {
            CalendarField.Month => MonthNames,
            CalendarField.Weekday => WeekdayNames,
            _ => null,
        };
        var minimumPrefix = kind == CalendarField.Month ? 3 : 2;
        if (names is not null && text.Length >= minimumPrefix)
        {
            var index = Array.FindIndex(names, name => name.StartsWith(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                var value = kind == CalendarField.Month ? index + 1 : index;
                return value >= min && value <= max ? value : throw new FormatException($"{field} is not in range [{min}-{max}]");
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{field} value '{text}' is not in range [{min}-{max}]");
    }
}
