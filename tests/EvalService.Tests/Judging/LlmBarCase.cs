using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agentic.EvalService.Tests.Judging;

/// <summary>One pairwise case of the LLMBar adversarial file (Data/llmbar, see its README for attribution).</summary>
public sealed record LlmBarCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subset")] string Subset,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output_1")] string Output1,
    [property: JsonPropertyName("output_2")] string Output2,
    [property: JsonPropertyName("label")] int Label,
    [property: JsonPropertyName("verdicts")] Dictionary<string, int?> Verdicts,
    [property: JsonPropertyName("verdicts_swapped")] Dictionary<string, int?> VerdictsSwapped)
{
    public static readonly string[] FiveJudges = ["GPT-4/Vanilla", "ChatGPT/Vanilla", "PaLM2/Vanilla", "LLaMA2/Vanilla", "Falcon/Vanilla"];

    public static readonly string[] SixJudges = [.. FiveJudges, "ChatGPT-0301/Vanilla"];

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Data", "llmbar", "adversarial.jsonl");

    public static IReadOnlyList<LlmBarCase> Load() => File.ReadLines(FilePath)
        .Where(line => line.Length > 0)
        .Select(line => JsonSerializer.Deserialize<LlmBarCase>(line)!)
        .ToList();
}
