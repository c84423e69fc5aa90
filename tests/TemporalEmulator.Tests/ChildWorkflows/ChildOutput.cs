namespace Agentic.Emulator.Tests.ChildWorkflows;

public record ChildOutput(int Value, string? ParentId);
