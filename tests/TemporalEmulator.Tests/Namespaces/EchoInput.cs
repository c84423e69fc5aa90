namespace Agentic.Emulator.Tests.Namespaces;

public record EchoInput(string Text);
