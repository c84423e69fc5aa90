namespace Agentic.Emulator.Tests.WorkflowTasks;

public record PatchOutput(string Path);
