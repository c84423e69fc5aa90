namespace Agentic.Emulator.Tests.Activities;

public record ActivityCancelSignal(string Reason);
