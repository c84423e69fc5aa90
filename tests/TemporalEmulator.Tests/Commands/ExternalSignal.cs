namespace Agentic.Emulator.Tests.Commands;

public record ExternalSignal(string Text);
