using Agentic.EvalService.Datasets;

namespace Agentic.EvalService.Tests.Datasets;

public sealed class DatasetReaderTests
{
    private static List<EvalCase> Read(string text, DatasetFileFormat format) => DatasetReader.Read(new StringReader(text), format).ToList();

    [Fact]
    public void Read_CsvWithQuotedMultilineField_ReadsEveryCase()
    {
        const string csv = "id,input,output,gold_label\nq1,\"Say \"\"hi\"\"\",\"Hi,\nthere\",pass\n\nq2,Add 2 and 2,4,fail\n";

        var cases = Read(csv, DatasetFileFormat.Csv);

        Assert.Equal(["q1", "q2"], cases.Select(c => c.CaseId));
        Assert.Equal(("Say \"hi\"", "Hi,\nthere", "pass"), (cases[0].Input, cases[0].Output, cases[0].GoldLabel));
        Assert.All(cases, c => Assert.Null(c.Error));
        Assert.Equal(2, DatasetReader.Count(new StringReader(csv), DatasetFileFormat.Csv));
    }

    [Fact]
    public void Read_CsvRowWithTooFewFields_FailsOnlyThatRow()
    {
        var cases = Read("input,output\nfirst,one\nsecond\nthird,three\n", DatasetFileFormat.Csv);

        Assert.Equal(3, cases.Count);
        Assert.Equal("line 3: 1 fields where the header has 2", cases[1].Error);
        Assert.Equal(("row-3", "three"), (cases[2].CaseId, cases[2].Output));
    }

    [Fact]
    public void Read_JsonlPairwiseWithNumericLabel_MapsAliases()
    {
        var item = Assert.Single(Read("{\"id\": \"N-1\", \"input\": \"i\", \"output_1\": \"a\", \"output_2\": \"b\", \"label\": 2, \"context\": [\"doc\"]}", DatasetFileFormat.Jsonl));

        Assert.Equal(("a", "b", "2"), (item.Output, item.OtherOutput, item.GoldLabel));
        Assert.Equal(["doc"], item.Context);
    }

    [Theory]
    [InlineData("[1, 2]", "a case must be a JSON object")]
    [InlineData("{\"output\": \"x\"}", "input: missing")]
    [InlineData("{\"input\": {\"nested\": true}}", "input: expected a string")]
    public void Read_MalformedJsonlRow_ErrorNamesLineAndProblem(string row, string problem)
    {
        var cases = Read("{\"input\": \"fine\"}\n" + row + "\n{\"input\": \"also fine\"}", DatasetFileFormat.Jsonl);

        Assert.Equal(3, cases.Count);
        Assert.StartsWith("line 2: " + problem, cases[1].Error, StringComparison.Ordinal);
        Assert.Null(cases[2].Error);
    }

    [Fact]
    public void Read_RepeatedId_FailsTheRepeat()
    {
        var cases = Read("{\"id\": \"x\", \"input\": \"a\"}\n{\"id\": \"x\", \"input\": \"b\"}", DatasetFileFormat.Jsonl);

        Assert.Null(cases[0].Error);
        Assert.Equal(("row-2", "line 2: id 'x' repeats case 1"), (cases[1].CaseId, cases[1].Error));
    }
}
