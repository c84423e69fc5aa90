namespace Agentic.TemporalEmulator.Bench;

public record TickInput(int Schedule);
