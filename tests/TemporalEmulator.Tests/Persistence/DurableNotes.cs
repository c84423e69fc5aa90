namespace Agentic.Emulator.Tests.Persistence;

public record DurableNotes(IReadOnlyList<string> Items);
