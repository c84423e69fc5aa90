namespace Agentic.Emulator.Tests.Commands;

public record ChainOutput(int Run, IReadOnlyList<string> RunIds, string? ContinuedFrom);
