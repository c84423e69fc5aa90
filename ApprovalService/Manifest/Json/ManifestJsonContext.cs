using System.Text.Json.Serialization;

namespace Agentic.ApprovalService.Manifest.Json;

/// <summary>Source-generated (de)serialisation of the dbt artifacts: no reflection, unknown members skipped.</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, MaxDepth = 256)]
[JsonSerializable(typeof(ManifestDocument))]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
