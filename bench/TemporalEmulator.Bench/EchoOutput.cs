namespace Agentic.TemporalEmulator.Bench;

public sealed record EchoOutput(int Sequence);
