namespace Agentic.LlmGateway.Configuration;

/// <summary>One upstream account.</summary>
public sealed class ProviderOptions
{
    public ProviderKind Kind { get; set; } = ProviderKind.OpenAICompatible;

    /// <summary>Base URL ending in the API version ("https://api.openai.com/v1/"); the kind's default when absent.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The provider key (secrets or environment only). OpenAI, Anthropic and Gemini without one route to the simulated provider.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Header that carries the key as is (e.g. "api-key"); absent means <c>Authorization: Bearer</c>.</summary>
    public string? ApiKeyHeader { get; set; }

    /// <summary>Extra headers sent with every request (e.g. "OpenAI-Organization").</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
