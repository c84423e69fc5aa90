namespace Agentic.Emulator.Tests.WorkflowTasks;

public record GatedOutput(IReadOnlyList<string> Signals);
