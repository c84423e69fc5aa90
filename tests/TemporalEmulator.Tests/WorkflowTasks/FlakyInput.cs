namespace Agentic.Emulator.Tests.WorkflowTasks;

public record FlakyInput(int Failures);
