namespace Agentic.Emulator.Tests.Schedules;

public record ReleaseScheduled(string Reason);
