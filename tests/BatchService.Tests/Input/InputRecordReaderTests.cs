using System.Text;
using Agentic.BatchService.Input;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Input;

public class InputRecordReaderTests
{
    [Fact]
    public void TryRead_JsonlWithBlankLinesAndCrLf_ReturnsNonBlankRecordsWithExactOffsets()
    {
        using var dir = new TempDirectory();
        var content = "{\"id\":1}\r\n\n   \n{\"id\":\"é2\"}\n{\"id\":3}";
        var path = dir.Write("in.jsonl", content);

        using var reader = new InputRecordReader(path, BatchInputFormat.Jsonl);
        var records = new List<(long Offset, string Text)>();
        while (reader.TryRead(out var offset, out var text))
        {
            records.Add((offset, text));
        }

        Assert.Equal(["{\"id\":1}", "{\"id\":\"é2\"}", "{\"id\":3}"], records.Select(r => r.Text));
        var bytes = Encoding.UTF8.GetBytes(content);
        foreach (var (offset, text) in records)
        {
            Assert.Equal(text, Encoding.UTF8.GetString(bytes, (int)offset, Encoding.UTF8.GetByteCount(text)));
        }
    }

    [Fact]
    public void TryRead_FromRecordOffset_ResumesAtThatRecord()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.jsonl", string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"{{\"id\":{i}}}")));
        long offsetOf500;
        using (var reader = new InputRecordReader(path, BatchInputFormat.Jsonl))
        {
            for (var i = 0; i < 500; i++)
            {
                Assert.True(reader.TryRead(out _, out _));
            }

            Assert.True(reader.TryRead(out offsetOf500, out _));
        }

        using var resumed = new InputRecordReader(path, BatchInputFormat.Jsonl, offsetOf500);
        Assert.True(resumed.TryRead(out var offset, out var text));
        Assert.Equal(offsetOf500, offset);
        Assert.Equal("{\"id\":500}", text);
    }

    [Fact]
    public void TryRead_CsvQuotedFieldWithNewline_ReturnsOneRecord()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.csv", "id,text\n1,\"line one\nline two\"\n2,plain\n");

        using var reader = new InputRecordReader(path, BatchInputFormat.Csv);
        var records = new List<string>();
        while (reader.TryRead(out _, out var text))
        {
            records.Add(text);
        }

        Assert.Equal(["id,text", "1,\"line one\nline two\"", "2,plain"], records);
    }

    [Fact]
    public void TryRead_CsvQuotedFieldWithCrLf_KeepsTheCrLf()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.csv", "id,text\r\n1,\"line one\r\nline two\"\r\n2,plain\r\n");

        using var reader = new InputRecordReader(path, BatchInputFormat.Csv);
        var records = new List<string>();
        while (reader.TryRead(out _, out var text))
        {
            records.Add(text);
        }

        Assert.Equal(["id,text", "1,\"line one\r\nline two\"", "2,plain"], records);
        Assert.Equal(["1", "line one\r\nline two"], CsvRecord.Parse(records[1], out _)!);
    }

    [Fact]
    public void Line_BlankLinesAndMultiLineRecords_CountsPhysicalLines()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.csv", "id,text\n\n1,\"a\nb\"\n\n\n2,c\n");

        using var reader = new InputRecordReader(path, BatchInputFormat.Csv);
        var lines = new List<long>();
        while (reader.TryRead(out _, out _))
        {
            lines.Add(reader.Line);
        }

        Assert.Equal([1L, 3L, 7L], lines);
    }

    [Fact]
    public void TryRead_LineLongerThanBuffer_ReturnsWholeLine()
    {
        using var dir = new TempDirectory();
        var longValue = new string('x', 200_000);
        var path = dir.Write("in.jsonl", $"{{\"id\":1,\"v\":\"{longValue}\"}}\n{{\"id\":2}}\n");

        using var reader = new InputRecordReader(path, BatchInputFormat.Jsonl);
        Assert.True(reader.TryRead(out _, out var first));
        Assert.True(reader.TryRead(out _, out var second));
        Assert.False(reader.TryRead(out _, out _));
        Assert.Contains(longValue, first, StringComparison.Ordinal);
        Assert.Equal("{\"id\":2}", second);
    }
}
