namespace Agentic.Emulator.Tests.Commands;

public record TimerOutput(TimeSpan Elapsed, bool CancelObserved);
