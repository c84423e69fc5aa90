namespace Agentic.LlmGateway.Routing;

/// <summary>A public model and its deployments, in failover order.</summary>
public sealed class ModelRoute(string name, string ownedBy, IReadOnlyList<Deployment> deployments)
{
    /// <summary>The public model name as configured (limits and metrics use it).</summary>
    public string Name => name;

    public string OwnedBy => ownedBy;

    public IReadOnlyList<Deployment> Deployments => deployments;

    /// <summary>Span names of upstream attempts ("chat {model}", "embeddings {model}"), built once.</summary>
    public string ChatSpanName { get; } = "chat " + name;

    public string EmbeddingsSpanName { get; } = "embeddings " + name;
}
