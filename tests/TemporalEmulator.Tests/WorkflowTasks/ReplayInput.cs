namespace Agentic.Emulator.Tests.WorkflowTasks;

public record ReplayInput(string Name);
