namespace Agentic.ApprovalService.Manifest;

/// <summary>A column of a dbt node: listed in the manifest, or only found in the warehouse catalog.</summary>
public sealed record DbtColumn(string Name, string Description, string? DataType, bool CatalogOnly)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Description);
}
