using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agentic.EvalService.Storage;

/// <summary>How check outcomes and jury decisions are written to eval_case_results: web casing, enums by name.</summary>
public static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
