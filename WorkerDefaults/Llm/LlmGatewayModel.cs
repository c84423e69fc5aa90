using Agentic.LlmGateway.Protocol;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// A model the gateway serves. <see cref="Operations"/> lists the API operations it answers
/// ("chat.completions", "embeddings"); null when the gateway does not say, and then every operation is assumed.
/// <see cref="Price"/> is the gateway's configured price; null when it has none.
/// </summary>
public sealed record LlmGatewayModel(string Id, IReadOnlyList<string>? Operations, TokenPrice? Price = null)
{
    public const string ChatCompletions = "chat.completions";

    public const string Embeddings = "embeddings";

    public bool Serves(string operation) => Operations is null || Operations.Contains(operation, StringComparer.Ordinal);
}
