using Agentic.BatchService.Input;

namespace Agentic.BatchService.Tests.Input;

public class CsvRecordTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c", new[] { "a", "", "c" })]
    [InlineData("\"a,b\",\"say \"\"hi\"\"\",", new[] { "a,b", "say \"hi\"", "" })]
    [InlineData("\"multi\nline\",x", new[] { "multi\nline", "x" })]
    public void Parse_ValidRecord_ReturnsFields(string record, string[] expected)
    {
        var fields = CsvRecord.Parse(record, out var error);

        Assert.Null(error);
        Assert.Equal(expected, fields);
    }

    [Theory]
    [InlineData("\"open,b", "unterminated")]
    [InlineData("\"a\"x,b", "after closing quote")]
    [InlineData("a\"b,c", "quote inside unquoted field")]
    public void Parse_BrokenQuoting_ReturnsError(string record, string expectedError)
    {
        var fields = CsvRecord.Parse(record, out var error);

        Assert.Null(fields);
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }
}
