namespace Agentic.LlmGateway.Configuration;

/// <summary>A public model name: the cluster of deployments that serve it.</summary>
public sealed class ModelOptions
{
    /// <summary>Shown by GET /v1/models as owned_by.</summary>
    public string? OwnedBy { get; set; }

    /// <summary>Tried in order: retries on one, then failover to the next.</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];
}
