using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agentic.LlmGateway.Protocol;

/// <summary>
/// Says in plain words what is wrong with a body that is not JSON and where (1-based line and column, counted in
/// characters), instead of the parser's own wording ("LineNumber: 0 | BytePositionInLine: 1").
/// </summary>
public static class JsonSyntaxError
{
    public static string Describe(ReadOnlySpan<byte> body, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return "The request body is empty; send a JSON object.";
        }

        var line = (int)(exception.LineNumber ?? 0);
        var lineStart = 0;
        for (var seen = 0; seen < line && lineStart < body.Length; seen++)
        {
            var next = body[lineStart..].IndexOf((byte)'\n');
            lineStart = next < 0 ? body.Length : lineStart + next + 1;
        }

        var offset = Math.Min(body.Length, lineStart + (int)(exception.BytePositionInLine ?? 0));
        var column = Encoding.UTF8.GetCharCount(body[lineStart..offset]) + 1;
        var where = string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {column}");
        if (body[offset..].Trim(" \t\r\n"u8).IsEmpty)
        {
            return $"The request body is not valid JSON: it ends at {where} before the JSON is complete (a closing brace, bracket or quote is missing).";
        }

        Rune.DecodeFromUtf8(body[offset..], out var rune, out _);
        var shown = Rune.IsControl(rune) ? string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}") : "'" + rune + "'";
        var hint = rune.Value switch
        {
            '\'' => " JSON strings and names take double quotes.",
            '}' or ']' => " Check for a trailing comma or a missing value before it.",
            _ when Rune.IsControl(rune) => " Control characters inside strings must be escaped (\\n, \\t, \\u0000).",
            _ => string.Empty,
        };
        return $"The request body is not valid JSON: unexpected {shown} at {where}.{hint}";
    }
}
