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
    [InlineData("\"open,b", "never closed", 7)]
    [InlineData("\"a\"x,b", "follows a closing quote", 3)]
    [InlineData("a\"b,c", "a quote inside a field", 1)]
    public void Parse_BrokenQuoting_ReturnsErrorAndWhere(string record, string expectedError, int expectedPosition)
    {
        var fields = CsvRecord.Parse(record, out var error, out var position);

        Assert.Null(fields);
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
        Assert.Equal(expectedPosition, position);
    }
}
