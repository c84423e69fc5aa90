namespace Agentic.TemporalEmulator.Bench;

public record TickOutput(int Schedule, DateTime RanAt);
