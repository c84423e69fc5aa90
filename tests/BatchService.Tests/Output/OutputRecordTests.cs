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
        OutputRecord.Write(new RowOutcome(5, 7, "r5", RowStatus.Succeeded, null, "{\"score\":3}", null, 10, 4, 2, null), buffer);

        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal("r5", root.GetProperty("row_id").GetString());
        Assert.Equal(5, root.GetProperty("row").GetInt64());
        Assert.Equal(7, root.GetProperty("line").GetInt64());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal(3, root.GetProperty("output").GetProperty("json").GetProperty("score").GetInt32());
        Assert.Equal(10, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(2, root.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Write_FailedRow_HasNullOutputAndStructuredErrorThatReadsBack()
    {
        var buffer = new ArrayBufferWriter<byte>();
        OutputRecord.Write(RowOutcome.Failed(9, 11, null, 1, new RowError("LlmModelNotFound", "The model 'x' does not exist", 404, 11, 3)), buffer);
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan).TrimEnd('\n');

        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("output").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("row_id").ValueKind);
        var error = root.GetProperty("error");
        Assert.Equal("LlmModelNotFound", error.GetProperty("kind").GetString());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal("The model 'x' does not exist", error.GetProperty("message").GetString());
        Assert.Equal(11, error.GetProperty("line").GetInt64());
        Assert.Equal(3, error.GetProperty("column").GetInt32());
        Assert.DoesNotContain("\\u0027", line, StringComparison.Ordinal);
        Assert.Equal(new RecordSummary(9, RowStatus.Failed, 0, 0, new RowError("LlmModelNotFound", "The model 'x' does not exist", 404)), OutputRecord.ReadSummary(line));
    }

    [Fact]
    public void Write_NonAsciiAndApostrophes_WrittenAsUtf8NotEscaped()
    {
        var buffer = new ArrayBufferWriter<byte>();
        const string text = "Café s'il vous plaît, 東京 \"quoted\" 🙂";
        OutputRecord.Write(new RowOutcome(0, 1, "東京-1", RowStatus.Succeeded, text, null, null, 1, 1, 1, null), buffer);
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Contains("\"row_id\":\"東京-1\"", line, StringComparison.Ordinal);
        Assert.Contains("Café s'il vous plaît, 東京 \\\"quoted\\\" 🙂", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", line, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(line);
        Assert.Equal(text, document.RootElement.GetProperty("output").GetProperty("text").GetString());
    }

    [Fact]
    public void Write_Embedding_WritesVector()
    {
        var buffer = new ArrayBufferWriter<byte>();
        OutputRecord.Write(new RowOutcome(0, null, "e", RowStatus.Succeeded, null, null, [0.5f, -1f], 3, 0, 1, null), buffer);

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var vector = document.RootElement.GetProperty("output").GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle());
        Assert.Equal([0.5f, -1f], vector);
    }
}
