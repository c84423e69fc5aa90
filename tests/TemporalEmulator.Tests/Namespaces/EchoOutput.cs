namespace Agentic.Emulator.Tests.Namespaces;

public record EchoOutput(string Text, string Namespace);
