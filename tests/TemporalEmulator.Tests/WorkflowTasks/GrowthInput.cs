namespace Agentic.Emulator.Tests.WorkflowTasks;

public record GrowthInput(int TimersPerBatch);
