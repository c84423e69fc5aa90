namespace Agentic.Emulator.Tests.Persistence;

public record DurableApproval(string By);
