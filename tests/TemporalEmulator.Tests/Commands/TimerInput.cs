namespace Agentic.Emulator.Tests.Commands;

public record TimerInput(TimeSpan Fired, TimeSpan Canceled);
