namespace Agentic.Emulator.Tests.Commands;

public record CommandOutput(string Text);
