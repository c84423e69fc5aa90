namespace Agentic.Emulator.Tests.WorkflowTasks;

public record ReplayOutput(string Step, string Signal);
