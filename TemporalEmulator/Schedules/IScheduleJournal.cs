namespace Agentic.Emulator.Schedules;

/// <summary>Where schedule state goes when it changes (a durable store); the in-memory emulator keeps none.</summary>
internal interface IScheduleJournal
{
    void Saved(ScheduleSnapshot snapshot);

    void Deleted(string @namespace, string scheduleId);
}
