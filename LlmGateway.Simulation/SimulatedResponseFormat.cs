namespace Agentic.LlmGateway.Simulation;

/// <summary>The shape of completion the request asked for with <c>response_format</c>.</summary>
public enum SimulatedResponseFormat
{
    Text,
    JsonObject,
    JsonSchema,
}
