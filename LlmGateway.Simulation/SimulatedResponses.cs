using System.Buffers;
using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>Pieces of OpenAI's response bodies that plain and streamed answers share, and the ways a body is cut short.</summary>
internal static class SimulatedResponses
{
    private static readonly TimeSpan DropGrace = TimeSpan.FromMilliseconds(100);

    public static void WriteHeader(Utf8JsonWriter writer, string id, string kind, long created, string model)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", kind);
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
        writer.WriteString("system_fingerprint", "fp_simulated");
    }

    public static void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", promptTokens + completionTokens);
        writer.WriteEndObject();
    }

    public static Task WriteJsonAsync(HttpContext context, ArrayBufferWriter<byte> buffer, bool dropMidway) =>
        WriteJsonAsync(context, buffer.WrittenMemory, dropMidway);

    public static async Task WriteJsonAsync(HttpContext context, ReadOnlyMemory<byte> body, bool dropMidway)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        if (dropMidway)
        {
            // Promise the whole body, send half, then cut the connection: the client sees a truncated response.
            await response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            await CutAsync(context);
            return;
        }

        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Kills the connection mid-response. Aborting discards output Kestrel has not sent yet, so the bytes already
    /// written get a moment to leave first, as when a provider's connection dies some time after its last chunk.
    /// </summary>
    public static async Task CutAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(DropGrace, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller is already gone.
        }

        context.Abort();
    }
}
