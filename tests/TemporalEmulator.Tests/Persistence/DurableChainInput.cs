namespace Agentic.Emulator.Tests.Persistence;

public record DurableChainInput(int Round, int Rounds);
