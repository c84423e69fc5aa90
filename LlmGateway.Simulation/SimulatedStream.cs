using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Simulation;

/// <summary>A chat completion as server-sent events: a role chunk, a word or so per chunk (or tool-call argument pieces), the finish, usage when asked, [DONE].</summary>
internal sealed class SimulatedStream(IOptions<SimulatedProviderOptions> options, PreciseDelay delays)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public async Task WriteAsync(HttpContext context, SimulatedChatRequest request, SimulatedCompletion completion, string id, long created, SimulatedFault fault)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var cancellationToken = context.RequestAborted;
        var delay = fault == SimulatedFault.SlowStream ? options.Value.SlowStreamChunkDelay : options.Value.StreamChunkDelay;
        var pieces = Pieces(completion.Content);
        var dropAfter = fault == SimulatedFault.DropStream ? Math.Max(1, pieces.Count / 2) : int.MaxValue;
        var buffer = new ArrayBufferWriter<byte>(512);

        var tool = completion.ToolName is null ? null : completion;
        await WriteChunkAsync(Chunk(buffer, request, id, created, role: "assistant", content: tool is null ? string.Empty : null, finishReason: null, tool, toolHeader: true), first: true);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i == dropAfter)
            {
                await SimulatedResponses.CutAsync(context);
                return;
            }

            var content = tool is null ? pieces[i] : null;
            await WriteChunkAsync(Chunk(buffer, request, id, created, role: null, content, finishReason: null, tool, toolHeader: false, arguments: pieces[i]), first: false);
        }

        await WriteChunkAsync(Chunk(buffer, request, id, created, role: null, content: null, finishReason: completion.FinishReason), first: false);
        if (request.IncludeUsage)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                SimulatedResponses.WriteHeader(writer, id, "chat.completion.chunk", created, request.Model);
                writer.WriteStartArray("choices");
                writer.WriteEndArray();
                SimulatedResponses.WriteUsage(writer, request.PromptTokens, completion.CompletionTokens);
                writer.WriteEndObject();
            }

            await WriteChunkAsync(buffer, first: false);
        }

        await response.Body.WriteAsync(Done, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        async Task WriteChunkAsync(ArrayBufferWriter<byte> json, bool first)
        {
            if (!first && delay > TimeSpan.Zero)
            {
                await delays.DelayAsync(delay, cancellationToken);
            }

            await response.Body.WriteAsync(DataPrefix, cancellationToken);
            await response.Body.WriteAsync(json.WrittenMemory, cancellationToken);
            await response.Body.WriteAsync(EventEnd, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }

    private static ArrayBufferWriter<byte> Chunk(
        ArrayBufferWriter<byte> buffer,
        SimulatedChatRequest request,
        string id,
        long created,
        string? role,
        string? content,
        string? finishReason,
        SimulatedCompletion? tool = null,
        bool toolHeader = false,
        string arguments = "")
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        SimulatedResponses.WriteHeader(writer, id, "chat.completion.chunk", created, request.Model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        if (role is not null)
        {
            writer.WriteString("role", role);
        }

        if (content is not null)
        {
            writer.WriteString("content", content);
        }

        if (tool is not null && finishReason is null)
        {
            SimulatedToolCallJson.WriteToolCalls(writer, tool, toolHeader ? string.Empty : arguments, toolHeader, index: 0);
        }

        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason");
        }
        else
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        if (request.IncludeUsage)
        {
            // OpenAI sends "usage": null on every chunk but the last when usage is requested.
            writer.WriteNull("usage");
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    /// <summary>The content cut after each space, as a model streams a word or so per chunk.</summary>
    private static List<string> Pieces(string content)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == ' ' && i + 1 < content.Length)
            {
                pieces.Add(content[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < content.Length)
        {
            pieces.Add(content[start..]);
        }

        return pieces;
    }
}
