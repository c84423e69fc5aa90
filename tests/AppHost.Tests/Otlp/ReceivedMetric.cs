namespace Agentic.AppHost.Tests.Otlp;

/// <summary>An instrument a process exported: its service, its meter (the OTLP scope) and its name.</summary>
public sealed record ReceivedMetric(string Service, string Meter, string Name);
