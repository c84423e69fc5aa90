namespace Agentic.Emulator.Tests.Messages;

public record MessageInput(string Owner);
