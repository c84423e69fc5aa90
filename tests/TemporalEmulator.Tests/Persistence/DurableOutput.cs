namespace Agentic.Emulator.Tests.Persistence;

public record DurableOutput(string Name, string Step, string Slow, string Child, IReadOnlyList<string> Notes, string Approval);
