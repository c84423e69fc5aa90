namespace Agentic.Emulator.Tests.Activities;

public record ActivityPlanOutput(string Result);
