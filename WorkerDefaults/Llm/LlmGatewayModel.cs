namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// A model the gateway serves. <see cref="Operations"/> lists the API operations it answers
/// ("chat.completions", "embeddings"); null when the gateway does not say, and then every operation is assumed.
/// </summary>
public sealed record LlmGatewayModel(string Id, IReadOnlyList<string>? Operations)
{
    public const string ChatCompletions = "chat.completions";

    public const string Embeddings = "embeddings";

    public bool Serves(string operation) => Operations is null || Operations.Contains(operation, StringComparer.Ordinal);
}
