using Agentic.BatchService.Input;

namespace Agentic.BatchService.Tests.Input;

public class InputRowParserTests
{
    [Fact]
    public void Parse_JsonObject_ReturnsIdAndFieldsAsText()
    {
        var row = InputRowParser.ForJsonl("id").Parse(7, "{\"id\":42,\"name\":\"Ann\",\"tags\":[1,2]}");

        Assert.Null(row.Error);
        Assert.Equal("42", row.RowId);
        Assert.Equal(7, row.Index);
        Assert.Equal("Ann", row.Fields!["name"]);
        Assert.Equal("[1,2]", row.Fields["tags"]);
    }

    [Theory]
    [InlineData("{\"id\":1,", "malformed JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"name\":\"x\"}", "missing row id 'id'")]
    public void Parse_BadJsonlRow_ReturnsRowWithErrorAndFallbackId(string record, string expectedError)
    {
        var row = InputRowParser.ForJsonl("id").Parse(3, record);

        Assert.Contains(expectedError, row.Error, StringComparison.Ordinal);
        Assert.Equal("#3", row.RowId);
    }

    [Fact]
    public void Parse_CsvRowWithWrongColumnCount_ReturnsError()
    {
        var parser = InputRowParser.ForCsv("id", ["id", "text"]);

        var good = parser.Parse(0, "a1,hello");
        var bad = parser.Parse(1, "a2,hello,extra");

        Assert.Null(good.Error);
        Assert.Equal("a1", good.RowId);
        Assert.Equal("hello", good.Fields!["text"]);
        Assert.Contains("expected 2 columns, found 3", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsvHeader_WithoutRowIdColumn_Throws()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.csv", "key,text\n1,a\n");

        var error = Assert.Throws<InvalidDataException>(() => InputRowParser.ReadCsvHeader(path, "id"));

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }
}
