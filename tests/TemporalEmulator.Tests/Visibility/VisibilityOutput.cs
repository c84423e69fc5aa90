namespace Agentic.Emulator.Tests.Visibility;

public record VisibilityOutput(string WorkflowId);
