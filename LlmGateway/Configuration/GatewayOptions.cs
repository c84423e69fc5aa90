namespace Agentic.LlmGateway.Configuration;

/// <summary>
/// Callers, providers and the models the gateway serves, bound from the "LlmGateway" section and
/// reloaded when the configuration changes (routing picks up new models and deployments at once).
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "LlmGateway";

    /// <summary>The provider every deployment falls back to when its own provider has no key.</summary>
    public const string SimulatedProviderName = "simulated";

    /// <summary>Largest request body the gateway reads; larger requests get 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Completion tokens reserved when a chat request sets no max_tokens (settlement corrects it).</summary>
    public int DefaultMaxTokens { get; set; } = 1024;

    /// <summary>Who may call the gateway, by caller name.</summary>
    public Dictionary<string, CallerOptions> Callers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Upstream accounts, by provider name (referenced by deployments).</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Public model names and the deployments that serve them, tried in order.</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Retries, failover and passive health.</summary>
    public ResilienceOptions Resilience { get; set; } = new();
}
