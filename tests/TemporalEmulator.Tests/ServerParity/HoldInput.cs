namespace Agentic.Emulator.Tests.ServerParity;

public record HoldInput(string Name);
