namespace Agentic.Emulator.Tests.ChildWorkflows;

public record ParentOutput(long Sum, IReadOnlyList<string> ChildIds, string Outcome);
