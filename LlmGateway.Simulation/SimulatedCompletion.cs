using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// The assistant's reply to a request: a pure function of the request's model, messages and seed. For a tool
/// call, <see cref="Content"/> holds the call's arguments (JSON that fills the function's parameter schema).
/// </summary>
internal sealed record SimulatedCompletion(string Content, int CompletionTokens, string FinishReason)
{
    /// <summary>Name of the function called; null for a text reply.</summary>
    public string? ToolName { get; init; }

    /// <summary>The call's id ("call_" and hex digits of the output seed).</summary>
    public string? ToolCallId { get; init; }

    private const int MinWords = 8;
    private const int WordSpread = 56;

    public static SimulatedCompletion For(SimulatedChatRequest request)
    {
        var random = new DeterministicRandom(request.OutputSeed);
        var words = MinWords + random.Next(WordSpread);
        if (request.CallsTool)
        {
            return ToolCall(request, random, words);
        }

        if (request.Format == SimulatedResponseFormat.Text)
        {
            var text = SimulatedText.Prose(ref random, words);
            return Limit(text, request.MaxTokens);
        }

        // JSON must stay valid, so shrink the prose inside it to fit max_tokens before cutting anything.
        var start = random;
        while (true)
        {
            random = start;
            var json = Json(request, ref random, words);
            var tokens = SimulatedText.CountTokens(json);
            if (request.MaxTokens is not { } max || tokens <= max)
            {
                return new(json, tokens, "stop");
            }

            if (words == 1)
            {
                return Limit(json, max);
            }

            words /= 2;
        }
    }

    /// <summary>A recorded answer, as recorded (max_tokens and tools do not apply to it).</summary>
    public static SimulatedCompletion Recorded(string content) => new(content, SimulatedText.CountTokens(content), "stop");

    /// <summary>Arguments are always whole JSON (a cut call is useless), so max_tokens is not applied to them.</summary>
    private static SimulatedCompletion ToolCall(SimulatedChatRequest request, DeterministicRandom random, int words)
    {
        var parameters = request.ToolFunction.TryGetProperty("parameters", out var schema) && schema.ValueKind == JsonValueKind.Object ? schema : default;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (parameters.ValueKind == JsonValueKind.Object)
            {
                JsonSchemaFiller.Write(writer, parameters, ref random, Math.Min(words, 12));
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }

        var arguments = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var name = request.ToolFunction.GetProperty("name").GetString()!;
        return new(arguments, SimulatedText.CountTokens(name) + SimulatedText.CountTokens(arguments), "tool_calls")
        {
            ToolName = name,
            ToolCallId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"call_{request.OutputSeed:x16}"),
        };
    }

    private static SimulatedCompletion Limit(string text, int? maxTokens)
    {
        var tokens = SimulatedText.CountTokens(text);
        if (maxTokens is { } max && tokens > max)
        {
            return new(SimulatedText.Truncate(text, max, out var kept), kept, "length");
        }

        return new(text, tokens, "stop");
    }

    private static string Json(SimulatedChatRequest request, ref DeterministicRandom random, int words)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (request.Format == SimulatedResponseFormat.JsonSchema && request.Schema.ValueKind == JsonValueKind.Object)
            {
                JsonSchemaFiller.Write(writer, request.Schema, ref random, words);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("answer", SimulatedText.Prose(ref random, words));
                writer.WriteNumber("confidence", Math.Round(random.NextDouble(), 2));
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
