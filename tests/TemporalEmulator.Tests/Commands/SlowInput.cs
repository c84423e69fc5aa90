namespace Agentic.Emulator.Tests.Commands;

public record SlowInput(TimeSpan Duration);
