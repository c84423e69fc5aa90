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
internal sealed class SimulatedProvider(IOptions<SimulatedProviderOptions> options, SimulatedOpening opening, SimulatedRecordings recordings, SimulatedStream stream)
{
    /// <summary>Set on answers that came from the recorded-answers file (for tests and debugging).</summary>
    public const string AnswerHeader = "x-simulated-answer";

    private long _requestCount;

    public async Task ChatCompletionsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var call = await opening.OpenAsync<SimulatedChatRequest>(context, SimulatedChatRequest.Parse, r => r.Model);
        var recorded = call is null ? null : recordings.Find(call.Request);
        if (call is null || await opening.FaultAsync(context, recorded?.Latency) is not { } fault)
        {
            return;
        }

        var request = call.Request;
        if (recorded is not null)
        {
            context.Response.Headers[AnswerHeader] = "recorded";
            if (recorded.Body is { } body && !request.Stream)
            {
                await SimulatedResponses.WriteJsonAsync(context, body, fault == SimulatedFault.DropStream);
                return;
            }
        }

        var completion = recorded is null ? SimulatedCompletion.For(request) : SimulatedCompletion.Recorded(recorded.Content ?? string.Empty);
        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-sim{request.OutputSeed:x16}{Interlocked.Increment(ref _requestCount):x}");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (request.Stream)
        {
            await stream.WriteAsync(context, request, completion, id, created, fault);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            SimulatedResponses.WriteHeader(writer, id, "chat.completion", created, request.Model);
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
            SimulatedResponses.WriteUsage(writer, request.PromptTokens, completion.CompletionTokens);
            writer.WriteEndObject();
        }

        await SimulatedResponses.WriteJsonAsync(context, buffer, fault == SimulatedFault.DropStream);
    }

    public async Task EmbeddingsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dimensions = options.Value.EmbeddingDimensions;
        using var call = await opening.OpenAsync(
            context, (JsonElement root, out SimulatedRequestError? error) => SimulatedEmbeddingRequest.Parse(root, dimensions, out error), r => r.Model);
        if (call is null || await opening.FaultAsync(context) is not { } fault)
        {
            return;
        }

        var request = call.Request;

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

        await SimulatedResponses.WriteJsonAsync(context, buffer, fault == SimulatedFault.DropStream);
    }

    public async Task ModelsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await SimulatedOpening.AuthorizedAsync(context))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var model in opening.Models.Order(StringComparer.Ordinal))
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

        await SimulatedResponses.WriteJsonAsync(context, buffer, dropMidway: false);
    }
}
