using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agentic.ApprovalService.Manifest.Json;

/// <summary>
/// The parts of manifest.json the service reads. Everything else (macros, docs, metrics: most of a large file)
/// is skipped by the streaming deserializer instead of being held in memory.
/// </summary>
internal sealed class ManifestDocument
{
    [JsonPropertyName("metadata")]
    public ManifestMetadata? Metadata { get; set; }

    [JsonPropertyName("nodes")]
    public Dictionary<string, ManifestNodeDocument?>? Nodes { get; set; }

    [JsonPropertyName("sources")]
    public Dictionary<string, ManifestNodeDocument?>? Sources { get; set; }
}

internal sealed class ManifestMetadata
{
    [JsonPropertyName("dbt_schema_version")]
    public string? DbtSchemaVersion { get; set; }

    [JsonPropertyName("project_name")]
    public string? ProjectName { get; set; }

    [JsonPropertyName("dbt_version")]
    public string? DbtVersion { get; set; }
}

internal sealed class ManifestNodeDocument
{
    [JsonPropertyName("unique_id")]
    public string? UniqueId { get; set; }

    [JsonPropertyName("resource_type")]
    public string? ResourceType { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("package_name")]
    public string? PackageName { get; set; }

    [JsonPropertyName("original_file_path")]
    public string? OriginalFilePath { get; set; }

    [JsonPropertyName("patch_path")]
    public string? PatchPath { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("raw_code")]
    public string? RawCode { get; set; }

    // Schema v4 to v6 called the model's SQL raw_sql.
    [JsonPropertyName("raw_sql")]
    public string? RawSql { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("meta")]
    public Dictionary<string, JsonElement>? Meta { get; set; }

    [JsonPropertyName("config")]
    public ManifestNodeConfig? Config { get; set; }

    [JsonPropertyName("depends_on")]
    public ManifestDependsOn? DependsOn { get; set; }

    [JsonPropertyName("columns")]
    public Dictionary<string, ManifestColumnDocument?>? Columns { get; set; }
}

internal sealed class ManifestNodeConfig
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("meta")]
    public Dictionary<string, JsonElement>? Meta { get; set; }
}

internal sealed class ManifestDependsOn
{
    [JsonPropertyName("nodes")]
    public List<string>? Nodes { get; set; }
}

internal sealed class ManifestColumnDocument
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("data_type")]
    public string? DataType { get; set; }
}
