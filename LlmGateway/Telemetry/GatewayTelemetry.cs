using System.Diagnostics;

namespace Agentic.LlmGateway.Telemetry;

/// <summary>Names of the gateway's meter and activity source (ServiceDefaults listens to "Agentic.*").</summary>
public static class GatewayTelemetry
{
    public const string Name = Agentic.Telemetry.MeterNames.LlmGateway;

    /// <summary>Spans around each upstream attempt.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);
}
