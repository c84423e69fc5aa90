namespace Agentic.Emulator.Tests.Commands;

public record ExternalTarget(string WorkflowId, string Action);
