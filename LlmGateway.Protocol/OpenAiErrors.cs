using System.Text.Json;

namespace Agentic.LlmGateway.Protocol;

/// <summary>
/// Error bodies in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>. The one writer of the
/// gateway and of the simulated provider.
/// </summary>
public static class OpenAiErrors
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message, string type, string? code, string? param = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        var body = Serialize(message, type, code, param);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>The error as one JSON object (for bodies and for stream error events).</summary>
    public static byte[] Serialize(string message, string type, string? code, string? param = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteString("param", param);
            writer.WriteString("code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
