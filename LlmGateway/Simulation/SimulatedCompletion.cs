using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>The assistant's reply to a request: a pure function of the request's model, messages and seed.</summary>
internal sealed record SimulatedCompletion(string Content, int CompletionTokens, string FinishReason)
{
    private const int MinWords = 8;
    private const int WordSpread = 56;

    public static SimulatedCompletion For(SimulatedChatRequest request)
    {
        var random = new DeterministicRandom(request.OutputSeed);
        var words = MinWords + random.Next(WordSpread);
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
