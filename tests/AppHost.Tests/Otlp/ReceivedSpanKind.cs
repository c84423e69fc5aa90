namespace Agentic.AppHost.Tests.Otlp;

/// <summary>OTLP's span kinds, by their wire values.</summary>
public enum ReceivedSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
