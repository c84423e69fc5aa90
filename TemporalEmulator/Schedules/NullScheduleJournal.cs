namespace Agentic.Emulator.Schedules;

/// <summary>Keeps nothing: schedules live as long as the process.</summary>
internal sealed class NullScheduleJournal : IScheduleJournal
{
    public static NullScheduleJournal Instance { get; } = new();

    public void Saved(ScheduleSnapshot snapshot)
    {
    }

    public void Deleted(string @namespace, string scheduleId)
    {
    }
}
