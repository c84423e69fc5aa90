namespace Agentic.Emulator.Tests.Commands;

public record ChainInput(int Run, int Runs, IReadOnlyList<string> RunIds);
