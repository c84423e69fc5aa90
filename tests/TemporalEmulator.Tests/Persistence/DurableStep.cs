namespace Agentic.Emulator.Tests.Persistence;

public record DurableStep(string Name);
