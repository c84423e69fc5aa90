namespace Agentic.Emulator.Tests.TimeSkipping;

public record SkipOutput(DateTime Before, DateTime After, string Winner);
