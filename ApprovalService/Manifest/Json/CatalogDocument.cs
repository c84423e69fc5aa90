using System.Text.Json.Serialization;

namespace Agentic.ApprovalService.Manifest.Json;

/// <summary>The parts of catalog.json the service reads: each node's warehouse columns and their types.</summary>
internal sealed class CatalogDocument
{
    [JsonPropertyName("nodes")]
    public Dictionary<string, CatalogNodeDocument?>? Nodes { get; set; }

    [JsonPropertyName("sources")]
    public Dictionary<string, CatalogNodeDocument?>? Sources { get; set; }
}

internal sealed class CatalogNodeDocument
{
    [JsonPropertyName("columns")]
    public Dictionary<string, CatalogColumnDocument?>? Columns { get; set; }
}

internal sealed class CatalogColumnDocument
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("index")]
    public int Index { get; set; }
}
