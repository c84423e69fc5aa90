namespace Agentic.Emulator.Tests.Visibility;

public record VisibilityReleaseSignal(string Reason);
