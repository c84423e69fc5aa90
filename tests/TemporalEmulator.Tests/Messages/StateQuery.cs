namespace Agentic.Emulator.Tests.Messages;

public record StateQuery(string Prefix);
