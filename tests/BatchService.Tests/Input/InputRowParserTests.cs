using Agentic.BatchService.Input;
using Agentic.BatchService.Output;

namespace Agentic.BatchService.Tests.Input;

public class InputRowParserTests
{
    [Fact]
    public void Parse_JsonObject_ReturnsIdAndFieldsAsText()
    {
        var row = InputRowParser.ForJsonl("id").Parse(7, 9, "{\"id\":42,\"name\":\"Ann\",\"tags\":[1,2]}");

        Assert.Null(row.Error);
        Assert.Equal("42", row.RowId);
        Assert.Equal(7, row.Index);
        Assert.Equal(9, row.Line);
        Assert.Equal("Ann", row.Fields!["name"]);
        Assert.Equal("[1,2]", row.Fields["tags"]);
    }

    [Theory]
    [InlineData("{\"id\":\"r7\",\"text\":", "r7", "the line ends before the JSON object is complete")]
    [InlineData("{\"id\":1,", "1", "malformed JSON at line 12")]
    [InlineData("{\"text\":\"x\" \"id\":\"r8\"}", null, "malformed JSON at line 12, column 13")]
    [InlineData("[1,2]", null, "expected a JSON object, found an array")]
    [InlineData("{\"name\":\"x\"}", null, "no row id (field 'id' is missing or empty)")]
    public void Parse_BadJsonlRow_KeepsReadableIdAndSaysWhereInPlainWords(string record, string? expectedId, string expectedError)
    {
        var row = InputRowParser.ForJsonl("id").Parse(3, 12, record);

        Assert.Equal(RowError.MalformedRow, row.Error!.Kind);
        Assert.Contains(expectedError, row.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", row.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", row.Error.Message, StringComparison.Ordinal);
        Assert.Equal(expectedId, row.RowId);
        Assert.Equal(12, row.Error.Line);
    }

    [Fact]
    public void Parse_JsonErrorAfterNonAsciiText_ReportsCharacterColumn()
    {
        var row = InputRowParser.ForJsonl("id").Parse(0, 1, "{\"id\":\"東京\" x}");

        Assert.Equal(12, row.Error!.Column);
        Assert.Equal("東京", row.RowId);
    }

    [Fact]
    public void Parse_CsvRowWithWrongColumnCount_KeepsItsIdAndSaysTheLine()
    {
        var parser = InputRowParser.ForCsv("id", ["text", "id"]);

        var good = parser.Parse(0, 2, "hello,a1");
        var bad = parser.Parse(1, 3, "hello,a2,extra");
        var short_ = parser.Parse(2, 4, "hello");

        Assert.Null(good.Error);
        Assert.Equal("a1", good.RowId);
        Assert.Equal("hello", good.Fields!["text"]);
        Assert.Equal("malformed CSV at line 3: expected 2 columns (as in the header), found 3", bad.Error!.Message);
        Assert.Equal("a2", bad.RowId);
        Assert.Null(short_.RowId);
    }

    [Fact]
    public void Parse_CsvQuoteErrorOnSecondLineOfRecord_ReportsPhysicalLineAndColumn()
    {
        var parser = InputRowParser.ForCsv("id", ["id", "text"]);

        var row = parser.Parse(4, 10, "r4,\"one\ntwo\"x");

        Assert.Equal(11, row.Error!.Line);
        Assert.Equal(5, row.Error.Column);
        Assert.StartsWith("malformed CSV at line 11, column 5:", row.Error.Message, StringComparison.Ordinal);
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
