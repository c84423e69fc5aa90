namespace Agentic.LlmGateway.Configuration;

/// <summary>One place a model is served: a provider and the provider's name for the model.</summary>
public sealed class DeploymentOptions
{
    /// <summary>Name of an entry in <see cref="GatewayOptions.Providers"/>.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The provider's model name; the public name when absent.</summary>
    public string? Model { get; set; }

    /// <summary>Extra headers for this deployment only (win over the provider's).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
