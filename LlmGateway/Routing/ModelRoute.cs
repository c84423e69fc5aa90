using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Proxy;

namespace Agentic.LlmGateway.Routing;

/// <summary>A public model, the operations it serves and its deployments, in failover order.</summary>
public sealed class ModelRoute(string name, string ownedBy, IReadOnlyList<LlmOperation> operations, IReadOnlyList<Deployment> deployments, ModelPriceOptions? price = null)
{
    /// <summary>The public model name as configured (limits and metrics use it).</summary>
    public string Name => name;

    public string OwnedBy => ownedBy;

    /// <summary>Chat completions, embeddings or both; never empty.</summary>
    public IReadOnlyList<LlmOperation> Operations => operations;

    public IReadOnlyList<Deployment> Deployments => deployments;

    /// <summary>Prices per million tokens; null when not configured.</summary>
    public ModelPriceOptions? Price => price;

    /// <summary>The <c>x-llm-gateway-price</c> header value (USD per million tokens), built once; null without a price.</summary>
    public string? PriceHeader { get; } = price is null ? null : FormattableString.Invariant(
        $"input={price.InputPerMillion}; cached_input={price.CachedInputPerMillion ?? price.InputPerMillion}; output={price.OutputPerMillion}; unit=USD per 1M tokens");

    /// <summary>Span names of upstream attempts ("chat {model}", "embeddings {model}"), built once.</summary>
    public string ChatSpanName { get; } = "chat " + name;

    public string EmbeddingsSpanName { get; } = "embeddings " + name;

    public bool Serves(LlmOperation operation) => operations.Contains(operation);
}
