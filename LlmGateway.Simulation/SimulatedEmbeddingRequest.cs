using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>The parts of an OpenAI embeddings request the simulation uses.</summary>
internal sealed class SimulatedEmbeddingRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<SimulatedEmbeddingInput> Inputs { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>"encoding_format": "base64" (the official SDKs ask for it) sends little-endian float32 bytes.</summary>
    public required bool Base64 { get; init; }

    public int PromptTokens => Inputs.Sum(i => i.Tokens);

    public static SimulatedEmbeddingRequest? Parse(JsonElement root, int defaultDimensions, out SimulatedRequestError? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new(null, "The request body must be a JSON object.");
            return null;
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(model.GetString()))
        {
            error = new("model", "you must provide a model parameter");
            return null;
        }

        if (!root.TryGetProperty("input", out var input) || ReadInputs(input) is not { Count: > 0 } inputs)
        {
            error = new("input", "'input' must be a non-empty string, array of strings, array of token ids or array of token id arrays.");
            return null;
        }

        var dimensions = defaultDimensions;
        if (root.TryGetProperty("dimensions", out var requested) && requested.ValueKind != JsonValueKind.Null)
        {
            if (!requested.TryGetInt32(out dimensions) || dimensions < 1 || dimensions > defaultDimensions)
            {
                error = new("dimensions", $"'dimensions' must be between 1 and {defaultDimensions}.");
                return null;
            }
        }

        var base64 = false;
        if (root.TryGetProperty("encoding_format", out var format) && format.ValueKind != JsonValueKind.Null)
        {
            var name = format.ValueKind == JsonValueKind.String ? format.GetString() : null;
            if (name is not ("base64" or "float"))
            {
                error = new("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
                return null;
            }

            base64 = name == "base64";
        }

        return new SimulatedEmbeddingRequest { Model = model.GetString()!, Inputs = inputs, Dimensions = dimensions, Base64 = base64 };
    }

    private static List<SimulatedEmbeddingInput>? ReadInputs(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return [new(input.GetString(), null)];
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            return null;
        }

        var first = input[0];
        if (first.ValueKind == JsonValueKind.Number)
        {
            return TokenIds(input) is { } ids ? [new(null, ids)] : null;
        }

        var inputs = new List<SimulatedEmbeddingInput>(input.GetArrayLength());
        foreach (var item in input.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                inputs.Add(new(item.GetString(), null));
            }
            else if (item.ValueKind == JsonValueKind.Array && TokenIds(item) is { Count: > 0 } ids)
            {
                inputs.Add(new(null, ids));
            }
            else
            {
                return null;
            }
        }

        return inputs;
    }

    private static List<int>? TokenIds(JsonElement array)
    {
        var ids = new List<int>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (!item.TryGetInt32(out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }
}
