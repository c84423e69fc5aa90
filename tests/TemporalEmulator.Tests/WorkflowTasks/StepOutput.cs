namespace Agentic.Emulator.Tests.WorkflowTasks;

public record StepOutput(string Name, string Worker);
