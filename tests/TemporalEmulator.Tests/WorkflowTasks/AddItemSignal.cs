namespace Agentic.Emulator.Tests.WorkflowTasks;

public record AddItemSignal(string Item);
