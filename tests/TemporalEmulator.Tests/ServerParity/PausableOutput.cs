namespace Agentic.Emulator.Tests.ServerParity;

public record PausableOutput(string Text, int Attempt);
