namespace Agentic.Emulator.Tests.WorkflowTasks;

public record FlakyOutput(int Executions);
