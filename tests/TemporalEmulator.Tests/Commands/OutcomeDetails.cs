namespace Agentic.Emulator.Tests.Commands;

public record OutcomeDetails(string Reason, int Code);
