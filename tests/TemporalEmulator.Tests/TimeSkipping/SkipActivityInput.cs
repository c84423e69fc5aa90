namespace Agentic.Emulator.Tests.TimeSkipping;

public record SkipActivityInput(int FailAttempts, TimeSpan RealWork);
