namespace Agentic.Emulator.Tests.Messages;

/// <summary>An item to add; the text "done" closes the workflow.</summary>
public record MessageItem(string Text);
