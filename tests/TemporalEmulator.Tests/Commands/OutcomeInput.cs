namespace Agentic.Emulator.Tests.Commands;

/// <param name="Outcome">"complete", "fail" or "wait" (until canceled).</param>
public record OutcomeInput(string Outcome);
