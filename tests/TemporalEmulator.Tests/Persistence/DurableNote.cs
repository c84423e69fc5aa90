namespace Agentic.Emulator.Tests.Persistence;

public record DurableNote(string Text);
