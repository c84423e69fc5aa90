using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>The <c>tool_calls</c> array of a message (whole) or of a stream delta (header first, then argument pieces).</summary>
internal static class SimulatedToolCallJson
{
    /// <summary>Writes the array; <paramref name="withHeader"/> adds id, type and name (a message, or a stream's first delta).</summary>
    /// <param name="writer">Positioned inside the message or delta object.</param>
    /// <param name="call">The completion that calls a tool.</param>
    /// <param name="arguments">The whole arguments, or this delta's piece of them.</param>
    /// <param name="withHeader">Id, type and name: in a message, and in the first delta of a stream.</param>
    /// <param name="index">Set in stream deltas only (OpenAI numbers the calls there).</param>
    public static void WriteToolCalls(Utf8JsonWriter writer, SimulatedCompletion call, string arguments, bool withHeader, int? index = null)
    {
        writer.WriteStartArray("tool_calls");
        writer.WriteStartObject();
        if (index is { } position)
        {
            writer.WriteNumber("index", position);
        }

        if (withHeader)
        {
            writer.WriteString("id", call.ToolCallId);
            writer.WriteString("type", "function");
        }

        writer.WriteStartObject("function");
        if (withHeader)
        {
            writer.WriteString("name", call.ToolName);
        }

        writer.WriteString("arguments", arguments);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
