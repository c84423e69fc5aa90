using System.Text.Json;
using Agentic.LlmGateway.Protocol;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// Reads the fields the gateway acts on from a request body in one forward pass (Utf8JsonReader, no DOM),
/// skipping everything else.
/// </summary>
internal static class LlmRequestParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 128 };

    public static LlmRequest? Parse(ReadOnlySpan<byte> body, LlmOperation operation, out LlmRequestError? error)
    {
        error = null;
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new LlmRequestError("The request body must be a JSON object.", null);
                return null;
            }

            var rootBodyStart = (int)reader.BytesConsumed;
            string? model = null;
            Range modelToken = default;
            var stream = false;
            int? maxTokens = null;
            var wantsUsage = false;
            Range? streamOptions = null;
            var streamOptionsEmpty = false;
            Range? includeUsage = null;
            var texts = new List<string>();
            var preTokenized = 0;

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = new LlmRequestError("'model' must be a string.", "model");
                        return null;
                    }

                    model = reader.GetString();
                    modelToken = new Range((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False or JsonTokenType.Null => false,
                        _ => throw new InvalidRequestException("'stream' must be a boolean.", "stream"),
                    };
                }
                else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value) || value < 0)
                    {
                        throw new InvalidRequestException($"'{name}' must be a non-negative integer.", name);
                    }

                    maxTokens = maxTokens is { } other ? Math.Max(other, value) : value;
                }
                else if (reader.ValueTextEquals("stream_options"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        streamOptionsEmpty = true;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            streamOptionsEmpty = false;
                            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
                            reader.Read();
                            if (isIncludeUsage)
                            {
                                includeUsage = new Range((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
                                wantsUsage = reader.TokenType == JsonTokenType.True;
                            }

                            reader.Skip();
                        }
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        throw new InvalidRequestException("'stream_options' must be an object.", "stream_options");
                    }

                    streamOptions = new Range(start, (int)reader.BytesConsumed);
                }
                else if (operation == LlmOperation.ChatCompletions && reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    ReadMessages(ref reader, texts);
                }
                else if (operation == LlmOperation.Embeddings && reader.ValueTextEquals("input"u8))
                {
                    reader.Read();
                    preTokenized += ReadInput(ref reader, texts);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = new LlmRequestError("The request body must be a single JSON object.", null);
                return null;
            }

            if (string.IsNullOrEmpty(model))
            {
                error = new LlmRequestError("You must provide a model parameter.", "model");
                return null;
            }

            var request = new LlmRequest
            {
                Model = model,
                ModelToken = modelToken,
                RootBodyStart = rootBodyStart,
                Stream = stream && operation == LlmOperation.ChatCompletions,
                MaxTokens = maxTokens,
                CallerWantsUsage = wantsUsage,
                StreamOptionsToken = streamOptions,
                StreamOptionsEmpty = streamOptionsEmpty,
                IncludeUsageToken = includeUsage,
                PreTokenized = preTokenized,
            };
            request.Texts.AddRange(texts);
            return request;
        }
        catch (JsonException ex)
        {
            error = new LlmRequestError(JsonSyntaxError.Describe(body, ex), null);
            return null;
        }
        catch (InvalidRequestException ex)
        {
            error = new LlmRequestError(ex.Message, ex.Param);
            return null;
        }
    }

    // messages: [{ "role": ..., "content": "text" | [{ "type": "text", "text": "..." }, ...] }, ...]
    private static void ReadMessages(ref Utf8JsonReader reader, List<string> texts)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidRequestException("'messages' must be an array.", "messages");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidRequestException("Each message must be an object.", "messages");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContent = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (!isContent)
                {
                    reader.Skip();
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    texts.Add(reader.GetString()!);
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadContentParts(ref reader, texts);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static void ReadContentParts(ref Utf8JsonReader reader, List<string> texts)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals("text"u8);
                reader.Read();
                if (isText && reader.TokenType == JsonTokenType.String)
                {
                    texts.Add(reader.GetString()!);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    // input: "text" | ["text", ...] | [1, 2, 3] | [[1, 2], [3]]; token arrays count as they are.
    private static int ReadInput(ref Utf8JsonReader reader, List<string> texts)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                texts.Add(reader.GetString()!);
                return 0;
            case JsonTokenType.StartArray:
                var tokens = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            texts.Add(reader.GetString()!);
                            break;
                        case JsonTokenType.Number:
                            tokens++;
                            break;
                        case JsonTokenType.StartArray:
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                tokens++;
                            }

                            break;
                        default:
                            throw new InvalidRequestException("'input' items must be strings or token arrays.", "input");
                    }
                }

                return tokens;
            default:
                throw new InvalidRequestException("'input' must be a string or an array.", "input");
        }
    }

    private sealed class InvalidRequestException(string message, string? param) : Exception(message)
    {
        public string? Param => param;
    }
}
