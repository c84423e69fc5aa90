namespace Agentic.Emulator.Tests.WorkflowTasks;

public record PatchInput(string Label);
