namespace Agentic.Emulator.Executions;

/// <summary>Where the current attempt of an activity stands.</summary>
internal enum PendingActivityPhase
{
    Queued,
    Started,
    Backoff,
}
