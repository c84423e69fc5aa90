namespace Agentic.Emulator.Tests.ServerParity;

public record MetadataOutput(string Text);
