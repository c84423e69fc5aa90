using System.Text.Json;

namespace Agentic.LlmGateway.Proxy;

/// <summary>Finds the top-level "usage" object of a response (or of one streamed chunk).</summary>
internal static class UsageReader
{
    /// <summary>The usage, if the JSON has a non-null top-level "usage"; <paramref name="choicesEmpty"/> tells a usage-only chunk.</summary>
    public static TokenUsage? Read(ReadOnlySpan<byte> json, out bool choicesEmpty, out bool isError)
    {
        choicesEmpty = true;
        isError = false;
        TokenUsage? usage = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        usage = ReadUsage(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Read();
                        choicesEmpty = reader.TokenType == JsonTokenType.EndArray;
                        if (!choicesEmpty)
                        {
                            reader.Skip();
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    isError |= reader.ValueTextEquals("error"u8);
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not ours to judge: the caller gets the bytes as they came.
        }

        return usage;
    }

    private static TokenUsage ReadUsage(ref Utf8JsonReader reader)
    {
        int prompt = 0, completion = 0, total = 0, cached = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var target = ref prompt;
            var known = true;
            if (reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8))
            {
                target = ref prompt;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8))
            {
                target = ref completion;
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                target = ref total;
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                cached = ReadCachedTokens(ref reader);
                continue;
            }
            else
            {
                known = false;
            }

            reader.Read();
            if (known && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            {
                target = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return new TokenUsage(prompt, completion, total, cached);
    }

    /// <summary>OpenAI's <c>prompt_tokens_details.cached_tokens</c>: prompt tokens served from the provider's cache (priced lower).</summary>
    private static int ReadCachedTokens(ref Utf8JsonReader reader)
    {
        var cached = 0;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCached = reader.ValueTextEquals("cached_tokens"u8);
            reader.Read();
            if (isCached && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            {
                cached = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return cached;
    }
}
