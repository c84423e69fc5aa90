using System.Buffers;
using System.Text;
using System.Text.Json;
using Agentic.BatchService.Output;

namespace Agentic.BatchService.Tests.Output;

public class OutputRecordTests
{
    [Fact]
    public void Write_SucceededJsonOutput_EmbedsParsedJsonAndUsage()
    {
        var buffer = new ArrayBufferWriter<byte>();
        OutputRecord.Write(new RowOutcome(5, "r5", RowStatus.Succeeded, null, "{\"score\":3}", null, 10, 4, 2, null), buffer);

        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal("r5", root.GetProperty("row_id").GetString());
        Assert.Equal(5, root.GetProperty("row").GetInt64());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal(3, root.GetProperty("output").GetProperty("json").GetProperty("score").GetInt32());
        Assert.Equal(10, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(2, root.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Write_FailedRow_HasNullOutputAndErrorThatReadsBack()
    {
        var buffer = new ArrayBufferWriter<byte>();
        OutputRecord.Write(RowOutcome.Failed(9, "#9", 0, "malformed JSON: oops"), buffer);
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan).TrimEnd('\n');

        using var document = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("output").ValueKind);
        Assert.Equal("malformed JSON: oops", document.RootElement.GetProperty("error").GetString());
        Assert.Equal((9, RowStatus.Failed, 0L, 0L), OutputRecord.ReadSummary(line));
    }

    [Fact]
    public void Write_Embedding_WritesVector()
    {
        var buffer = new ArrayBufferWriter<byte>();
        OutputRecord.Write(new RowOutcome(0, "e", RowStatus.Succeeded, null, null, [0.5f, -1f], 3, 0, 1, null), buffer);

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var vector = document.RootElement.GetProperty("output").GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle());
        Assert.Equal([0.5f, -1f], vector);
    }
}
