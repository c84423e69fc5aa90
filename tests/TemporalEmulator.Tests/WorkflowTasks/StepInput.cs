namespace Agentic.Emulator.Tests.WorkflowTasks;

public record StepInput(string Name);
