namespace Agentic.Emulator.Tests.Messages;

public record MessageState(string Owner, IReadOnlyList<string> Items, bool Done);
