namespace Agentic.TemporalEmulator.Bench;

public sealed record EchoInput(int Sequence);
