using System.Text.Json;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Activities;

/// <summary>
/// The JSON schema each kind of judge fills in. Scores are whole numbers 0-10 as an enum (the service reports
/// them as 0-1): strict structured-output modes drop "minimum"/"maximum" but keep enums.
/// </summary>
public static class JudgeSchemas
{
    private static readonly JsonElement Score = Parse("""
        {"type": "object", "additionalProperties": false, "required": ["score", "reason"],
         "properties": {"score": {"type": "integer", "enum": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}, "reason": {"type": "string"}}}
        """);

    private static readonly JsonElement PassFail = Parse("""
        {"type": "object", "additionalProperties": false, "required": ["pass", "reason"],
         "properties": {"pass": {"type": "boolean"}, "reason": {"type": "string"}}}
        """);

    private static readonly JsonElement Pairwise = Parse("""
        {"type": "object", "additionalProperties": false, "required": ["choice", "reason"],
         "properties": {"choice": {"type": "integer", "enum": [1, 2]}, "reason": {"type": "string"}}}
        """);

    public static JsonElement For(JudgeOutput output) => output switch
    {
        JudgeOutput.PassFail => PassFail,
        JudgeOutput.Pairwise => Pairwise,
        _ => Score,
    };

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
