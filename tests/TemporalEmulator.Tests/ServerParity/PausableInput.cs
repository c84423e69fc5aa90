namespace Agentic.Emulator.Tests.ServerParity;

public record PausableInput(string Name);
