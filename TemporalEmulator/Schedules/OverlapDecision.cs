namespace Agentic.Emulator.Schedules;

/// <summary>What to do with a schedule's buffer now: which starts go, which wait, and what happens to the running one.</summary>
internal sealed record OverlapDecision(
    IReadOnlyList<BufferedStart> AllowAllStarts,
    BufferedStart? Start,
    List<BufferedStart> Remaining,
    bool CancelRunning,
    bool TerminateRunning,
    long Skipped);
