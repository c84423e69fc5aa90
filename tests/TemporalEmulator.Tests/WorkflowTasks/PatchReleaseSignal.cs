namespace Agentic.Emulator.Tests.WorkflowTasks;

public record PatchReleaseSignal(string Reason);
