using Agentic.Emulator.Time;

namespace Agentic.Emulator.Persistence;

/// <summary>
/// Keeps time skipping's offset in the database file, so that an emulator restarted on the file resumes at the
/// virtual time it had reached (plus the real time it was down), and timers set in skipped-ahead time keep their meaning.
/// </summary>
internal static class ClockOffsetDocument
{
    private const string Kind = "clock";
    private const string Key = "offset";

    public static void Attach(EmulatorClock clock, IEmulatorStore store)
    {
        foreach (var (key, data) in store.LoadDocuments(Kind))
        {
            if (key == Key && data.Length == sizeof(long))
            {
                clock.RestoreOffset(TimeSpan.FromTicks(BitConverter.ToInt64(data)));
            }
        }

        clock.OffsetAdvanced = offset => store.PutDocument(Kind, Key, BitConverter.GetBytes(offset.Ticks));
    }
}
