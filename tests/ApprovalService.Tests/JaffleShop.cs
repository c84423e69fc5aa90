namespace Agentic.ApprovalService.Tests;

/// <summary>Paths of the jaffle_shop artifacts copied under TestData/dbt (see its README for their origin).</summary>
public static class JaffleShop
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "dbt", "jaffle_shop");

    public static string ManifestV4 { get; } = Path.Combine(Directory, "manifest_v4.json");

    public static string ManifestV12 { get; } = Path.Combine(Directory, "manifest_v12.json");

    public static string Catalog { get; } = Path.Combine(Directory, "catalog.json");
}
