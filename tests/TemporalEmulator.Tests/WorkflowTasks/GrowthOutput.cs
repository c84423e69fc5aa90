namespace Agentic.Emulator.Tests.WorkflowTasks;

public record GrowthOutput(int Batches, int HistoryLength, int HistorySize);
