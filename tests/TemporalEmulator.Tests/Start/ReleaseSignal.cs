namespace Agentic.Emulator.Tests.Start;

public record ReleaseSignal(string Reason);
