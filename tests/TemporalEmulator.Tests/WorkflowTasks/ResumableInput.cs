namespace Agentic.Emulator.Tests.WorkflowTasks;

public record ResumableInput(int ExpectedItems);
