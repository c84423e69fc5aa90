namespace Agentic.LlmGateway.Simulation;

/// <summary>Why a request is invalid, and which parameter (OpenAI's <c>param</c>) is at fault.</summary>
internal sealed record SimulatedRequestError(string? Param, string Message);
