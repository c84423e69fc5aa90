namespace Agentic.Emulator.Tests.ChildWorkflows;

public record FinishSignal(int Value);
