namespace Agentic.LlmGateway.Proxy;

/// <summary>The OpenAI operations the gateway forwards.</summary>
public enum LlmOperation
{
    ChatCompletions,
    Embeddings,
}
