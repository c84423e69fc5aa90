using Agentic.ApprovalService.Git;

namespace Agentic.ApprovalService.Tests.Git;

public class DbtYamlEditorTests
{
    private const string Schema =
        "version: 2\r\n" +
        "\r\n" +
        "# Orders, one row per order.\r\n" +
        "models:\r\n" +
        "  - name: orders   # the mart\r\n" +
        "    description: \"\"\r\n" +
        "    columns:\r\n" +
        "      - name: order_id\r\n" +
        "        description: 'The key: unique'\r\n" +
        "        data_tests: [unique, not_null]\r\n" +
        "      - name: amount\r\n" +
        "        data_tests:\r\n" +
        "          - not_null\r\n" +
        "  - name: customers\r\n" +
        "    description: >\r\n" +
        "      Folded text\r\n" +
        "      over two lines\r\n" +
        "    config:\r\n" +
        "      tags: ['x']\r\n";

    [Fact]
    public void Apply_ColumnWithoutDescription_InsertsOneLineAndKeepsEveryOtherLineByteIdentical()
    {
        var edited = DbtYamlEditor.Apply(Schema, [new DescriptionEdit("models", "orders", null, "amount", "Total: in \"euros\"")]);

        var before = Lines(Schema);
        var after = Lines(edited);
        Assert.Equal(before.Count + 1, after.Count);
        var inserted = after.IndexOf("        description: \"Total: in \\\"euros\\\"\"\r\n");
        Assert.Equal(11, inserted);
        after.RemoveAt(inserted);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Apply_ExistingEmptyDescription_ReplacesOnlyThatLine()
    {
        var edited = DbtYamlEditor.Apply(Schema, [new DescriptionEdit("models", "orders", null, null, "One row per order")]);

        var before = Lines(Schema);
        var after = Lines(edited);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal("    description: \"One row per order\"\r\n", after[5]);
        Assert.Equal(before.Where((_, i) => i != 5), after.Where((_, i) => i != 5));
    }

    [Fact]
    public void Apply_BlockDescription_ReplacedWholeRestUntouched()
    {
        var edited = DbtYamlEditor.Apply(Schema, [new DescriptionEdit("models", "customers", null, null, "People")]);

        Assert.Contains("  - name: customers\r\n    description: \"People\"\r\n    config:\r\n      tags: ['x']\r\n", edited, StringComparison.Ordinal);
        Assert.StartsWith(Schema[..Schema.IndexOf("  - name: customers", StringComparison.Ordinal)], edited, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownNodeAndColumn_AppendsInDbtLayout()
    {
        var edited = DbtYamlEditor.Apply(Schema, [new DescriptionEdit("models", "payments", null, "method", "How it was paid")]);

        Assert.StartsWith(Schema, edited, StringComparison.Ordinal);
        Assert.EndsWith("  - name: \"payments\"\r\n    columns:\r\n      - name: \"method\"\r\n        description: \"How it was paid\"\r\n", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SourceTable_NestsUnderSourceAndTables()
    {
        var created = DbtYamlEditor.Create([new DescriptionEdit("sources", "raw_stores", "ecom", null, "Store list")]);

        Assert.Equal("version: 2\nsources:\n  - name: \"ecom\"\n    tables:\n      - name: \"raw_stores\"\n        description: \"Store list\"\n", created);
    }

    private static List<string> Lines(string text) =>
        text.Split("\r\n").Select(line => line + "\r\n").SkipLast(1).ToList();
}
