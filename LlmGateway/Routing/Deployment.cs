using Agentic.LlmGateway.Configuration;

namespace Agentic.LlmGateway.Routing;

/// <summary>
/// One resolved destination of a model: where to send each operation, which model name to send, and the
/// headers (provider key included) the gateway adds. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class Deployment
{
    public required string ProviderName { get; init; }

    public required ProviderKind Kind { get; init; }

    /// <summary>The model name sent upstream.</summary>
    public required string UpstreamModel { get; init; }

    /// <summary>Base URL, ending in '/'.</summary>
    public required Uri BaseUrl { get; init; }

    public required Uri ChatCompletionsUrl { get; init; }

    public required Uri EmbeddingsUrl { get; init; }

    /// <summary>Provider key header name and value, or null for keyless servers.</summary>
    public KeyValuePair<string, string>? AuthHeader { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>True when this deployment stands in for a provider that has no key.</summary>
    public bool Substituted { get; init; }

    public required DeploymentHealth Health { get; init; }

    public override string ToString() => $"{ProviderName}/{UpstreamModel}";
}
