namespace Agentic.Emulator.Tests.Persistence;

public record DurableStepResult(string Text, int Attempt);
