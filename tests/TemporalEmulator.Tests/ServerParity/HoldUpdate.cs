namespace Agentic.Emulator.Tests.ServerParity;

public record HoldUpdate(string Reason);
