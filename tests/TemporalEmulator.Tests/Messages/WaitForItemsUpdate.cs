namespace Agentic.Emulator.Tests.Messages;

public record WaitForItemsUpdate(int Count);
