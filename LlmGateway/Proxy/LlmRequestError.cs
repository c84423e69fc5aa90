namespace Agentic.LlmGateway.Proxy;

/// <summary>Why a request body was refused (HTTP 400), naming the field.</summary>
internal sealed record LlmRequestError(string Message, string? Param);
