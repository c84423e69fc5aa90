namespace Agentic.Emulator.Schedules;

/// <summary>How a calendar field's values may be written.</summary>
internal enum CalendarField
{
    Number,
    Year,
    Month,
    Weekday,
}
