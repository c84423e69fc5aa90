using System.Text.Json;
using Agentic.LlmGateway.Proxy;

namespace Agentic.LlmGateway.Routing;

/// <summary>
/// Model objects in OpenAI's shape (<c>id</c>, <c>object</c>, <c>created</c>, <c>owned_by</c>) plus
/// <c>operations</c>: the API paths under /v1 the model answers ("chat.completions", "embeddings"), so a client
/// can check at start that a model can do its task.
/// </summary>
internal static class ModelJson
{
    public static ReadOnlyMemory<byte> List(IEnumerable<ModelRoute> routes) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var route in routes.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            WriteModel(writer, route);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static ReadOnlyMemory<byte> Entry(ModelRoute route) => Write(writer => WriteModel(writer, route));

    /// <summary>The operation's name as clients see it: its path under /v1 with dots for slashes.</summary>
    public static string OperationName(LlmOperation operation) => operation switch
    {
        LlmOperation.ChatCompletions => "chat.completions",
        LlmOperation.Embeddings => "embeddings",
        _ => operation.ToString(),
    };

    private static void WriteModel(Utf8JsonWriter writer, ModelRoute route)
    {
        writer.WriteStartObject();
        writer.WriteString("id", route.Name);
        writer.WriteString("object", "model");
        writer.WriteNumber("created", 0);
        writer.WriteString("owned_by", route.OwnedBy);
        writer.WriteStartArray("operations");
        foreach (var operation in route.Operations)
        {
            writer.WriteStringValue(OperationName(operation));
        }

        writer.WriteEndArray();
        if (route.Price is { } price)
        {
            writer.WriteStartObject("pricing");
            writer.WriteString("currency", "USD");
            writer.WriteNumber("input_per_million", price.InputPerMillion);
            writer.WriteNumber("cached_input_per_million", price.CachedInputPerMillion ?? price.InputPerMillion);
            writer.WriteNumber("output_per_million", price.OutputPerMillion);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
