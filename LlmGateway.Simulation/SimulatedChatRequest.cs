using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// The parts of an OpenAI chat completion request the simulation uses. <see cref="Schema"/> points into the
/// request's <see cref="JsonDocument"/>, which the caller keeps alive.
/// </summary>
internal sealed class SimulatedChatRequest
{
    public required string Model { get; init; }

    /// <summary>Hash of model, messages and seed: the output's only input.</summary>
    public required ulong OutputSeed { get; init; }

    public required int PromptTokens { get; init; }

    public int? MaxTokens { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    public SimulatedResponseFormat Format { get; init; }

    public JsonElement Schema { get; init; }

    /// <summary>The function the reply calls (its <c>function</c> object from <c>tools</c>); undefined for a text reply.</summary>
    public JsonElement ToolFunction { get; init; }

    public bool CallsTool => ToolFunction.ValueKind == JsonValueKind.Object;

    /// <summary>The request's <c>messages</c> (in the request's document).</summary>
    public JsonElement Messages { get; init; }

    /// <summary>The text of every message's content, in order, one message per line: what recorded answers match.</summary>
    public string ConversationText() =>
        string.Join('\n', Messages.EnumerateArray().Select(m => m.TryGetProperty("content", out var content) ? string.Concat(Texts(content)) : string.Empty));

    /// <summary>Reads <paramref name="root"/>, or names the field that is wrong in <paramref name="error"/>.</summary>
    public static SimulatedChatRequest? Parse(JsonElement root, out SimulatedRequestError? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new(null, "The request body must be a JSON object.");
            return null;
        }

        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(modelElement.GetString()))
        {
            error = new("model", "you must provide a model parameter");
            return null;
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            error = new("messages", "'messages' must be a non-empty array.");
            return null;
        }

        var model = modelElement.GetString()!;
        var hash = DeterministicRandom.Hash(DeterministicRandom.Start, model);
        var promptTokens = SimulatedText.ReplyPrimingTokens;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                error = new($"messages[{index}].role", $"messages[{index}] must be an object with a string 'role'.");
                return null;
            }

            hash = DeterministicRandom.Hash(hash, role.GetString());
            promptTokens += SimulatedText.TokensPerMessage;
            if (message.TryGetProperty("content", out var content))
            {
                foreach (var text in Texts(content))
                {
                    hash = DeterministicRandom.Hash(hash, text);
                    promptTokens += SimulatedText.CountTokens(text);
                }
            }

            index++;
        }

        if (root.TryGetProperty("seed", out var seed) && seed.ValueKind != JsonValueKind.Null)
        {
            if (!seed.TryGetInt64(out var seedValue))
            {
                error = new("seed", "'seed' must be an integer.");
                return null;
            }

            hash = DeterministicRandom.Hash(hash, seedValue);
        }

        var maxTokens = ReadMaxTokens(root, "max_completion_tokens", ref error) ?? ReadMaxTokens(root, "max_tokens", ref error);
        if (error is not null)
        {
            return null;
        }

        var stream = root.TryGetProperty("stream", out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
            && streamOptions.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True;

        var format = SimulatedResponseFormat.Text;
        JsonElement schema = default;
        if (root.TryGetProperty("response_format", out var responseFormat) && responseFormat.ValueKind == JsonValueKind.Object
            && responseFormat.TryGetProperty("type", out var type))
        {
            switch (type.GetString())
            {
                case "json_object":
                    format = SimulatedResponseFormat.JsonObject;
                    break;
                case "json_schema":
                    if (!responseFormat.TryGetProperty("json_schema", out var jsonSchema) || jsonSchema.ValueKind != JsonValueKind.Object)
                    {
                        error = new("response_format.json_schema", "'response_format.json_schema' is required when type is 'json_schema'.");
                        return null;
                    }

                    format = SimulatedResponseFormat.JsonSchema;
                    jsonSchema.TryGetProperty("schema", out schema);
                    break;
                case "text":
                    break;
                default:
                    error = new("response_format.type", "'response_format.type' must be 'text', 'json_object' or 'json_schema'.");
                    return null;
            }
        }

        if (!SimulatedToolChoice.TryChoose(root, messages, hash, out var toolFunction, out error))
        {
            return null;
        }

        return new SimulatedChatRequest
        {
            Messages = messages,
            ToolFunction = toolFunction,
            Model = model,
            OutputSeed = hash,
            PromptTokens = promptTokens,
            MaxTokens = maxTokens,
            Stream = stream,
            IncludeUsage = includeUsage,
            Format = format,
            Schema = schema,
        };
    }

    /// <summary>Text of a message's content: a string, or the "text" of each part in an array of parts.</summary>
    private static IEnumerable<string> Texts(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            yield return content.GetString()!;
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    yield return text.GetString()!;
                }
            }
        }
    }

    private static int? ReadMaxTokens(JsonElement root, string name, ref SimulatedRequestError? error)
    {
        if (error is not null || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!value.TryGetInt32(out var tokens) || tokens < 1)
        {
            error = new(name, $"'{name}' must be a positive integer.");
            return null;
        }

        return tokens;
    }
}
