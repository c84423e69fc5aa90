using Agentic.LlmGateway.Proxy;

namespace Agentic.LlmGateway.Configuration;

/// <summary>A public model name: the cluster of deployments that serve it.</summary>
public sealed class ModelOptions
{
    /// <summary>Shown by GET /v1/models as owned_by.</summary>
    public string? OwnedBy { get; set; }

    /// <summary>Tried in order: retries on one, then failover to the next.</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];

    /// <summary>
    /// What the model serves (<c>ChatCompletions</c>, <c>Embeddings</c>); empty means chat completions only. A call
    /// for another operation is refused with 400 before any limit or provider, and GET /v1/models shows the list.
    /// </summary>
    public List<LlmOperation> Operations { get; set; } = [];

    /// <summary>Prices per million tokens: the cost metric, the price header and GET /v1/models use them; none when absent.</summary>
    public ModelPriceOptions? Price { get; set; }
}
