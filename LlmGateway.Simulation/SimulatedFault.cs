namespace Agentic.LlmGateway.Simulation;

/// <summary>A failure the simulated provider injects, drawn at random or forced with <c>x-simulated-fault</c>.</summary>
public enum SimulatedFault
{
    None,
    RateLimit,
    ServerError,
    Timeout,
    DropStream,
    SlowStream,
}
