namespace Agentic.Emulator.Tests.Schedules;

/// <param name="Mode">"complete" returns at once, "fail" fails the workflow, "hold" waits for <see cref="ReleaseScheduled"/>.</param>
public record ScheduledInput(string Mode);
