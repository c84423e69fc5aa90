using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// Writes a JSON value that satisfies a simple JSON schema: every listed (and required) property, filled by
/// type, honouring enum, const, minimum/maximum and minItems/maxItems. Composite keywords take their first branch.
/// </summary>
internal static class JsonSchemaFiller
{
    private const int MaxDepth = 8;

    public static void Write(Utf8JsonWriter writer, JsonElement schema, ref DeterministicRandom random, int words, int depth = 0)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            writer.WriteStringValue(SimulatedText.Prose(ref random, words));
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            choices[random.Next(choices.GetArrayLength())].WriteTo(writer);
            return;
        }

        foreach (var composite in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(composite, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                Write(writer, branches[0], ref random, words, depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, ref random, words, depth);
                break;
            case "array":
                WriteArray(writer, schema, ref random, words, depth);
                break;
            case "integer":
                writer.WriteNumberValue((long)Math.Round(Number(schema, ref random, integer: true)));
                break;
            case "number":
                writer.WriteNumberValue(Math.Round(Number(schema, ref random, integer: false), 3));
                break;
            case "boolean":
                writer.WriteBooleanValue(random.Next(2) == 1);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(SimulatedText.Prose(ref random, words));
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement schema, ref DeterministicRandom random, int words, int depth)
    {
        writer.WriteStartObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                writer.WritePropertyName(property.Name);
                Write(writer, property.Value, ref random, words, depth + 1);
                written.Add(property.Name);
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.GetString() is { } text && written.Add(text))
                {
                    writer.WriteString(text, SimulatedText.Prose(ref random, words));
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, JsonElement schema, ref DeterministicRandom random, int words, int depth)
    {
        var min = Int(schema, "minItems") ?? 1;
        var max = Math.Max(min, Int(schema, "maxItems") ?? Math.Max(min, 3));
        var count = min + random.Next(max - min + 1);
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            Write(writer, items, ref random, words, depth + 1);
        }

        writer.WriteEndArray();
    }

    private static double Number(JsonElement schema, ref DeterministicRandom random, bool integer)
    {
        var min = Double(schema, "minimum") ?? (Double(schema, "exclusiveMinimum") is { } xmin ? xmin + (integer ? 1 : 0.001) : 0);
        var max = Double(schema, "maximum") ?? (Double(schema, "exclusiveMaximum") is { } xmax ? xmax - (integer ? 1 : 0.001) : min + 100);
        if (max < min)
        {
            max = min;
        }

        return integer
            ? Math.Ceiling(min) + random.Next((int)Math.Min(int.MaxValue - 1, Math.Floor(max) - Math.Ceiling(min)) + 1)
            : min + (random.NextDouble() * (max - min));
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString() ?? "string";
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                // ["string", "null"]: a nullable field gets a real value.
                foreach (var option in type.EnumerateArray())
                {
                    if (option.GetString() is { } name && name != "null")
                    {
                        return name;
                    }
                }

                return "null";
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            return "object";
        }

        return schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private static int? Int(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? Math.Max(0, Math.Min(number, 64)) : null;

    private static double? Double(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
