namespace Agentic.Emulator.Tests.Commands;

public record CommandInput(string Text);
