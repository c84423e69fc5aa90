namespace Agentic.LlmGateway.Configuration;

/// <summary>What speaks at a provider's base URL. Every kind is called with the OpenAI wire format.</summary>
public enum ProviderKind
{
    /// <summary>api.openai.com.</summary>
    OpenAI,

    /// <summary>Anthropic through its OpenAI-compatible endpoint (https://api.anthropic.com/v1/).</summary>
    Anthropic,

    /// <summary>Google Gemini through its OpenAI-compatible endpoint (https://generativelanguage.googleapis.com/v1beta/openai/).</summary>
    Gemini,

    /// <summary>Any OpenAI-compatible server (vLLM, Ollama, LM Studio, ...); the key is optional.</summary>
    OpenAICompatible,

    /// <summary>The gateway's built-in simulated provider (served by the gateway itself unless a base URL is set).</summary>
    Simulated,
}
