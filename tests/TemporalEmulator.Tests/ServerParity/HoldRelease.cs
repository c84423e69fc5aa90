namespace Agentic.Emulator.Tests.ServerParity;

public record HoldRelease(string Reason);
