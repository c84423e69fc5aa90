namespace Agentic.ApprovalService.Manifest;

/// <summary>A model, source, seed or snapshot of a dbt project, with its lineage.</summary>
public sealed record DbtNode(
    string UniqueId,
    string ResourceType,
    string Name,
    string Description,
    string? OriginalFilePath,
    string? PatchPath,
    string? Sql,
    string? OwnerGroup,
    IReadOnlyList<DbtColumn> Columns,
    IReadOnlyList<string> Parents)
{
    /// <summary>Nodes that depend on this one (filled once every node is read).</summary>
    public IReadOnlyList<string> Children { get; init; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Description);

    /// <summary>The file that holds the node's properties, relative to the dbt project, e.g. "models/schema.yml".</summary>
    public string? PropertiesFile => PatchPath is { } patch && patch.IndexOf("://", StringComparison.Ordinal) is var at and >= 0
        ? patch[(at + 3)..]
        : PatchPath;
}
