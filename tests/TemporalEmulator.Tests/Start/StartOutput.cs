namespace Agentic.Emulator.Tests.Start;

public record StartOutput(string Label, string RunId, int Attempt, string? Note, DateTime StartedAt, DateTime FinishedAt);
