using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// An OpenAI-compatible provider served over HTTP: chat completions (plain and server-sent events), embeddings
/// and the model list, with configurable latency and injected faults. JSON is written with
/// <see cref="Utf8JsonWriter"/> so benchmarks measure the gateway, not the simulation's serialiser.
/// </summary>
public sealed class SimulatedProvider(IOptions<SimulatedProviderOptions> options, SimulatedChaos chaos, PreciseDelay delays, IHostApplicationLifetime lifetime)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private static readonly TimeSpan DropGrace = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<string> _models = new(options.Value.Models.Count > 0 ? options.Value.Models : SimulatedProviderOptions.DefaultModels, StringComparer.Ordinal);
    private long _requestCount;

    public async Task ChatCompletionsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await AuthorizedAsync(context))
        {
            return;
        }

        using var document = await ReadJsonAsync(context);
        if (document is null)
        {
            return;
        }

        var request = SimulatedChatRequest.Parse(document.RootElement, out var error);
        if (request is null)
        {
            await OpenAiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, error!.Message, "invalid_request_error", error.Param, null);
            return;
        }

        if (!await KnownModelAsync(context, request.Model))
        {
            return;
        }

        if (await FaultAsync(context) is not { } fault)
        {
            return;
        }

        var completion = SimulatedCompletion.For(request);
        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-sim{request.OutputSeed:x16}{Interlocked.Increment(ref _requestCount):x}");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (request.Stream)
        {
            await StreamAsync(context, request, completion, id, created, fault);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteHeader(writer, id, "chat.completion", created, request.Model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            if (completion.ToolName is null)
            {
                writer.WriteString("content", completion.Content);
            }
            else
            {
                writer.WriteNull("content");
                SimulatedToolCallJson.WriteToolCalls(writer, completion, completion.Content, withHeader: true);
            }

            writer.WriteNull("refusal");
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", completion.FinishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteUsage(writer, request.PromptTokens, completion.CompletionTokens);
            writer.WriteEndObject();
        }

        await WriteJsonAsync(context, buffer, fault == SimulatedFault.DropStream);
    }

    public async Task EmbeddingsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await AuthorizedAsync(context))
        {
            return;
        }

        using var document = await ReadJsonAsync(context);
        if (document is null)
        {
            return;
        }

        var request = SimulatedEmbeddingRequest.Parse(document.RootElement, options.Value.EmbeddingDimensions, out var error);
        if (request is null)
        {
            await OpenAiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, error!.Message, "invalid_request_error", error.Param, null);
            return;
        }

        if (!await KnownModelAsync(context, request.Model))
        {
            return;
        }

        if (await FaultAsync(context) is not { } fault)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024 + (request.Inputs.Count * request.Dimensions * 12));
        var vector = new float[request.Dimensions];
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < request.Inputs.Count; i++)
            {
                request.Inputs[i].Fill(request.Model, vector);
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                if (request.Base64)
                {
                    writer.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector.AsSpan()));
                }
                else
                {
                    writer.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", request.Model);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", request.PromptTokens);
            writer.WriteNumber("total_tokens", request.PromptTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await WriteJsonAsync(context, buffer, fault == SimulatedFault.DropStream);
    }

    public async Task ModelsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await AuthorizedAsync(context))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var model in _models.Order(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", model);
                writer.WriteString("object", "model");
                writer.WriteNumber("created", 0);
                writer.WriteString("owned_by", "simulated");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await WriteJsonAsync(context, buffer, dropMidway: false);
    }

    private static async Task<bool> AuthorizedAsync(HttpContext context)
    {
        // Like a provider: any non-empty bearer key is accepted, nothing about it is echoed back.
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.AsSpan(7).Trim().Length > 0)
        {
            return true;
        }

        await OpenAiErrorWriter.WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "You didn't provide an API key. Provide it in the Authorization header as 'Bearer YOUR_KEY'.",
            "invalid_request_error",
            null,
            "invalid_api_key");
        return false;
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        // Read whole first, so a syntax error can be placed by line and column in the caller's text.
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            await OpenAiErrorWriter.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                Proxy.JsonSyntaxError.Describe(bytes.Span, exception),
                "invalid_request_error",
                null,
                null);
            return null;
        }
    }

    private async Task<bool> KnownModelAsync(HttpContext context, string model)
    {
        if (_models.Contains(model))
        {
            return true;
        }

        await OpenAiErrorWriter.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            $"The model '{model}' does not exist or you do not have access to it.",
            "invalid_request_error",
            "model",
            "model_not_found");
        return false;
    }

    /// <summary>Applies latency and the chosen fault; null when the response has been written (or abandoned).</summary>
    private async Task<SimulatedFault?> FaultAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (!chaos.TryChoose(headers[SimulatedChaos.FaultHeader].ToString(), out var fault))
        {
            await OpenAiErrorWriter.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                $"Unknown {SimulatedChaos.FaultHeader}: use rate-limit, server-error, timeout, drop-stream, slow-stream or none.",
                "invalid_request_error",
                SimulatedChaos.FaultHeader,
                null);
            return null;
        }

        switch (fault)
        {
            case SimulatedFault.RateLimit:
                // Providers refuse over-quota requests at once, before any model time.
                var retryAfter = options.Value.RetryAfter;
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["retry-after-ms"] = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                await OpenAiErrorWriter.WriteAsync(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    "Rate limit reached for requests (simulated). Please try again later.",
                    "requests",
                    null,
                    "rate_limit_exceeded");
                return null;
            case SimulatedFault.Timeout:
                await HangAsync(context);
                return null;
        }

        var latency = chaos.DrawLatency();
        if (latency > TimeSpan.Zero)
        {
            await delays.DelayAsync(latency, context.RequestAborted);
        }

        if (fault == SimulatedFault.ServerError)
        {
            await OpenAiErrorWriter.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                "The server had an error while processing your request (simulated).",
                "server_error",
                null,
                null);
            return null;
        }

        return fault;
    }

    private async Task HangAsync(HttpContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up, or the host is stopping: drop the connection rather than answer.
            context.Abort();
        }
    }

    private async Task StreamAsync(HttpContext context, SimulatedChatRequest request, SimulatedCompletion completion, string id, long created, SimulatedFault fault)
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
                await CutAsync(context);
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
                WriteHeader(writer, id, "chat.completion.chunk", created, request.Model);
                writer.WriteStartArray("choices");
                writer.WriteEndArray();
                WriteUsage(writer, request.PromptTokens, completion.CompletionTokens);
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
        WriteHeader(writer, id, "chat.completion.chunk", created, request.Model);
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

    /// <summary>
    /// Kills the connection mid-response. Aborting discards output Kestrel has not sent yet, so the bytes already
    /// written get a moment to leave first, as when a provider's connection dies some time after its last chunk.
    /// </summary>
    private static async Task CutAsync(HttpContext context)
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

    private static void WriteHeader(Utf8JsonWriter writer, string id, string kind, long created, string model)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", kind);
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
        writer.WriteString("system_fingerprint", "fp_simulated");
    }

    private static void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", promptTokens + completionTokens);
        writer.WriteEndObject();
    }

    private static async Task WriteJsonAsync(HttpContext context, ArrayBufferWriter<byte> buffer, bool dropMidway)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        if (dropMidway)
        {
            // Promise the whole body, send half, then cut the connection: the client sees a truncated response.
            response.ContentLength = buffer.WrittenCount;
            await response.Body.WriteAsync(buffer.WrittenMemory[..(buffer.WrittenCount / 2)], context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            await CutAsync(context);
            return;
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
