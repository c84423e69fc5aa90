namespace Agentic.Emulator.Tests.TimeSkipping;

public record CronOutput(DateTime RanAt);
