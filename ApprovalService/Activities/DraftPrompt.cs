using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Activities;

/// <summary>The prompt and JSON schema of a draft, and how its answer is read. Its version is recorded with each draft.</summary>
public static class DraftPrompt
{
    public const string SystemText =
        "You write documentation for a dbt project. Given a node's SQL, columns and the descriptions of its upstream and "
        + "downstream nodes, write a short, factual description (one or two sentences) for each item asked for. "
        + "Do not invent business rules the SQL does not show. Answer only with JSON matching the schema.";

    public static string UserText(DraftRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder(request.Context.Text);
        text.Append("\n## write descriptions for\n");
        foreach (var key in request.Keys)
        {
            text.Append("- ").Append(key.Length == 0 ? $"the {request.ResourceType} {request.Name} itself (\"table\")" : $"column {key}").Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(request.Feedback))
        {
            text.Append("\n## reviewer feedback on the previous draft\n").Append(request.Feedback.Trim()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>{ "table": string?, "columns": { name: string, ... } } with exactly the asked-for items.</summary>
    public static JsonElement Schema(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var columns = keys.Where(key => key.Length > 0).ToList();
        var columnProperties = new JsonObject();
        foreach (var column in columns)
        {
            columnProperties[column] = new JsonObject { ["type"] = "string" };
        }

        var properties = new JsonObject
        {
            ["columns"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = columnProperties,
                ["required"] = new JsonArray([.. columns.Select(column => (JsonNode)JsonValue.Create(column))]),
                ["additionalProperties"] = false,
            },
        };
        var required = new JsonArray { "columns" };
        if (keys.Contains(string.Empty))
        {
            properties["table"] = new JsonObject { ["type"] = "string" };
            required.Add("table");
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required, ["additionalProperties"] = false };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The drafts by key, or null when the answer is not the JSON asked for.</summary>
    public static Dictionary<string, string>? Read(string answer, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var drafts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (keys.Contains(string.Empty) && root.TryGetProperty("table", out var table) && table.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(table.GetString()))
            {
                drafts[string.Empty] = table.GetString()!.Trim();
            }

            if (root.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Object)
            {
                foreach (var column in columns.EnumerateObject())
                {
                    if (keys.Contains(column.Name) && column.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(column.Value.GetString()))
                    {
                        drafts[column.Name] = column.Value.GetString()!.Trim();
                    }
                }
            }

            return drafts;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
