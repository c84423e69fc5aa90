using System.Globalization;
using System.Text.Json;
using Agentic.EvalService.Tests.Judging;

namespace Agentic.EvalService.Tests.Integration;

/// <summary>
/// The LLMBar judges' recorded verdicts as a recorded-answers file for the simulated provider (see
/// LlmGateway/README.md): model "judge-&lt;name&gt;" answers the prompt carrying "[case &lt;id&gt;]" with the judge's
/// verdict as the judges' JSON, "[case &lt;id&gt; swapped]" with its swapped-order verdict; a verdict the upstream
/// could not parse (null) is text no judge parser accepts.
/// </summary>
internal static class LlmBarRecordings
{
    public static string Model(string judge) => "judge-" + judge.Split('/')[0].ToLowerInvariant();

    public static IEnumerable<string> Models => LlmBarCase.SixJudges.Select(Model);

    public static void Write(string path)
    {
        using var writer = new StreamWriter(path);
        foreach (var item in LlmBarCase.Load())
        {
            foreach (var judge in LlmBarCase.SixJudges)
            {
                writer.WriteLine(Line(Model(judge), $"[case {item.Id}]", item.Verdicts[judge]));
                writer.WriteLine(Line(Model(judge), $"[case {item.Id} swapped]", item.VerdictsSwapped[judge]));
            }
        }
    }

    /// <summary>Settings that route the recorded judge models to the simulated provider, unthrottled.</summary>
    public static Dictionary<string, string?> GatewaySettings(string path)
    {
        var settings = new Dictionary<string, string?> { ["Simulation:RecordedAnswers"] = path };
        foreach (var model in Models)
        {
            settings[$"LlmGateway:Models:{model}:Deployments:0:Provider"] = "simulated";
            settings[$"RateLimiting:Models:{model}:RequestsPerMinute"] = "1000000000";
            settings[$"RateLimiting:Models:{model}:TokensPerMinute"] = "100000000000";
        }

        return settings;
    }

    private static string Line(string model, string marker, int? verdict) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["model"] = model,
        ["match"] = new Dictionary<string, string> { ["contains"] = marker },
        ["content"] = verdict is { } v
            ? string.Create(CultureInfo.InvariantCulture, $$"""{"choice": {{v}}, "reason": "recorded verdict"}""")
            : "no verdict",
        ["latency_ms"] = 1,
    });
}
