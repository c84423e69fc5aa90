namespace Agentic.Emulator.Tests.Activities;

/// <summary>One activity attempt as the activity saw it: its number and when it started (wall clock).</summary>
public record AttemptRecord(int Attempt, DateTime StartedAt);
