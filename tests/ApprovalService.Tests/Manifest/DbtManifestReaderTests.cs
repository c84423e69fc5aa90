using System.Text;
using Agentic.ApprovalService.Manifest;

namespace Agentic.ApprovalService.Tests.Manifest;

public class DbtManifestReaderTests
{
    [Fact]
    public async Task ReadAsync_JaffleShopV12_CountsMatchTheFile()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV12, null);

        Assert.Equal(12, manifest.SchemaVersion);
        Assert.Equal("jaffle_shop", manifest.ProjectName);
        var models = manifest.OfType("model").ToList();
        Assert.Equal(13, models.Count);
        Assert.Equal(6, manifest.OfType("seed").Count());
        Assert.Equal(6, manifest.OfType("source").Count());
        Assert.Equal(0, models.Count(model => model.IsBlank));
        Assert.Equal(48, models.Sum(model => model.Columns.Count));
        Assert.Equal(25, models.Sum(model => model.Columns.Count(column => column.IsBlank)));
        Assert.Single(manifest.OfType("source"), source => source.IsBlank);
        Assert.All(manifest.OfType("seed"), seed => Assert.True(seed.IsBlank));
    }

    [Fact]
    public async Task ReadAsync_JaffleShopV4_CountsMatchTheFile()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV4, null);

        Assert.Equal(4, manifest.SchemaVersion);
        var models = manifest.OfType("model").ToList();
        Assert.Equal(5, models.Count);
        Assert.Equal(3, manifest.OfType("seed").Count());
        Assert.Equal(4, models.Count(model => model.IsBlank));
        Assert.Equal(14, models.Sum(model => model.Columns.Count));
        Assert.Equal(5, models.Sum(model => model.Columns.Count(column => column.IsBlank)));
        // v4 called the SQL raw_sql.
        Assert.Contains("select", manifest.Nodes["model.jaffle_shop.orders"].Sql!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReadAsync_WithCatalog_AddsTypesAndUndocumentedColumns()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV12, JaffleShop.Catalog);

        var models = manifest.OfType("model").ToList();
        Assert.Equal(86, models.Sum(model => model.Columns.Count));
        Assert.Equal(38, models.Sum(model => model.Columns.Count(column => column.CatalogOnly)));
        var customers = manifest.Nodes["model.jaffle_shop.customers"];
        Assert.Equal("VARCHAR", customers.Columns.Single(column => column.Name == "customer_id").DataType);
    }

    [Fact]
    public async Task ReadAsync_Lineage_ParentsAndDerivedChildren()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV12, null);

        var orderItems = manifest.Nodes["model.jaffle_shop.order_items"];
        Assert.Contains("model.jaffle_shop.stg_order_items", orderItems.Parents);
        Assert.Contains("model.jaffle_shop.orders", orderItems.Children);
        Assert.Contains("model.jaffle_shop.stg_order_items", manifest.Nodes["source.jaffle_shop.ecom.raw_items"].Children);
        Assert.Equal("models/staging/stg_order_items.yml", manifest.Nodes["model.jaffle_shop.stg_order_items"].PropertiesFile);
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_NamesLineAndProblem()
    {
        var text = "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"},\n \"nodes\": {\"model.x.y\": {\"name\": }}}";

        var error = await Assert.ThrowsAsync<ManifestFormatException>(() => ReadTextAsync(text));

        Assert.Contains("manifest.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnknownSchemaVersion_Refused()
    {
        var text = "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v13.json\"}, \"nodes\": {}}";

        var error = await Assert.ThrowsAsync<ManifestFormatException>(() => ReadTextAsync(text));

        Assert.Contains("v13 is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NoSchemaVersion_Refused()
    {
        var error = await Assert.ThrowsAsync<ManifestFormatException>(() => ReadTextAsync("{\"nodes\": {}}"));

        Assert.Contains("dbt_schema_version", error.Message, StringComparison.Ordinal);
    }

    private static Task<DbtManifest> ReadTextAsync(string text) =>
        DbtManifestReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null);
}
