namespace Agentic.Emulator.Tests.WorkflowTasks;

public record ResumableOutput(StepOutput Before, IReadOnlyList<string> Items, StepOutput After);
