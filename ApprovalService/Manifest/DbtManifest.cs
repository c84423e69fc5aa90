namespace Agentic.ApprovalService.Manifest;

/// <summary>What the service knows of a dbt project after reading its manifest (and catalog).</summary>
public sealed record DbtManifest(string? ProjectName, int SchemaVersion, IReadOnlyDictionary<string, DbtNode> Nodes)
{
    public IEnumerable<DbtNode> OfType(string resourceType) =>
        Nodes.Values.Where(node => node.ResourceType == resourceType);
}
