namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// What a failed gateway call says, for records and status messages: the failure kind (one of
/// <see cref="LlmGatewayFailures"/>' error types), the HTTP status when there was an answer, and the
/// provider's message as plain text (taken out of the OpenAI error body, never the raw JSON).
/// </summary>
public sealed record LlmGatewayError(string Kind, int? HttpStatus, string Message);
