using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// Which function, if any, the simulated model calls, from <c>tools</c> and <c>tool_choice</c>: a named function
/// is called; "required" calls one of the tools; "auto" (the default with tools) calls one when the last message
/// is the user's and answers in text after a tool result, so an agent loop ends; "none" answers in text.
/// </summary>
internal static class SimulatedToolChoice
{
    /// <summary>The function to call (its <c>function</c> object), default when none; false with <paramref name="error"/> set when the request is wrong.</summary>
    public static bool TryChoose(JsonElement root, JsonElement messages, ulong seed, out JsonElement function, out SimulatedRequestError? error)
    {
        function = default;
        error = null;
        var tools = new List<JsonElement>();
        if (root.TryGetProperty("tools", out var toolArray) && toolArray.ValueKind != JsonValueKind.Null)
        {
            if (toolArray.ValueKind != JsonValueKind.Array)
            {
                error = new("tools", "'tools' must be an array.");
                return false;
            }

            var index = 0;
            foreach (var tool in toolArray.EnumerateArray())
            {
                if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var candidate) || candidate.ValueKind != JsonValueKind.Object
                    || !candidate.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    error = new($"tools[{index}].function.name", $"tools[{index}] must be {{\"type\": \"function\", \"function\": {{\"name\": ...}}}}.");
                    return false;
                }

                tools.Add(candidate);
                index++;
            }
        }

        var choice = root.TryGetProperty("tool_choice", out var choiceElement) ? choiceElement : default;
        switch (choice.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return tools.Count == 0 || PickWhenAuto(tools, messages, seed, out function);
            case JsonValueKind.String when choice.GetString() is "none":
                return true;
            case JsonValueKind.String when choice.GetString() is "auto":
                return PickWhenAuto(tools, messages, seed, out function);
            case JsonValueKind.String when choice.GetString() is "required":
                if (tools.Count == 0)
                {
                    error = new("tool_choice", "'tool_choice' is 'required' but the request lists no 'tools'.");
                    return false;
                }

                function = tools[(int)(seed % (ulong)tools.Count)];
                return true;
            case JsonValueKind.Object when choice.TryGetProperty("function", out var named) && named.TryGetProperty("name", out var wanted) && wanted.ValueKind == JsonValueKind.String:
                foreach (var tool in tools)
                {
                    if (tool.GetProperty("name").ValueEquals(wanted.GetString()))
                    {
                        function = tool;
                        return true;
                    }
                }

                error = new("tool_choice", $"'tool_choice' names the function '{wanted.GetString()}', which is not in 'tools'.");
                return false;
            default:
                error = new("tool_choice", "'tool_choice' must be 'none', 'auto', 'required' or {\"type\": \"function\", \"function\": {\"name\": ...}}.");
                return false;
        }
    }

    private static bool PickWhenAuto(List<JsonElement> tools, JsonElement messages, ulong seed, out JsonElement function)
    {
        function = default;
        var last = messages[messages.GetArrayLength() - 1];
        if (tools.Count > 0 && last.TryGetProperty("role", out var role) && role.ValueEquals("user"))
        {
            function = tools[(int)(seed % (ulong)tools.Count)];
        }

        return true;
    }
}
