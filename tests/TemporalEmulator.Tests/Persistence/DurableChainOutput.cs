namespace Agentic.Emulator.Tests.Persistence;

public record DurableChainOutput(int Rounds, string Child);
