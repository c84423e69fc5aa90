namespace Agentic.Emulator.Tests.ServerParity;

public record MetadataInput(string Text, bool StartChild);
