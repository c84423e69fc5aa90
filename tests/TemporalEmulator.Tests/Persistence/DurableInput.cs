namespace Agentic.Emulator.Tests.Persistence;

public record DurableInput(string Name);
