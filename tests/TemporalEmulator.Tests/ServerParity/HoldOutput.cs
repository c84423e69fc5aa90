namespace Agentic.Emulator.Tests.ServerParity;

public record HoldOutput(string Name, int Held);
