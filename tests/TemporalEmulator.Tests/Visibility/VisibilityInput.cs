namespace Agentic.Emulator.Tests.Visibility;

public record VisibilityInput(bool WaitForRelease);
