using Agentic.Emulator.Persistence;

namespace Agentic.Emulator.Schedules;

/// <summary>Keeps each schedule as one document of the emulator's durable store (<c>--db-filename</c>), keyed namespace/id.</summary>
internal sealed class StoreScheduleJournal(IEmulatorStore store) : IScheduleJournal
{
    public const string DocumentKind = "schedule";

    public static string Key(string @namespace, string scheduleId) => $"{@namespace}/{scheduleId}";

    public void Saved(ScheduleSnapshot snapshot) =>
        store.PutDocument(DocumentKind, Key(snapshot.Namespace, snapshot.ScheduleId), ScheduleSnapshotCodec.Encode(snapshot));

    public void Deleted(string @namespace, string scheduleId) => store.DeleteDocument(DocumentKind, Key(@namespace, scheduleId));

    public IEnumerable<ScheduleSnapshot> Load() =>
        store.LoadDocuments(DocumentKind).Select(document => ScheduleSnapshotCodec.Decode(document.Value));
}
