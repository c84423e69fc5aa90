using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Agentic.LlmGateway.Protocol;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// Reads a recorded-answers file (JSON Lines, one recording per line; blank lines are skipped):
/// <c>{"model": "judge-a", "match": {"contains": "case Neighbor-0"}, "content": "2", "latency_ms": 350}</c>.
/// <c>match</c> takes one of <c>exact</c>, <c>contains</c>, <c>regex</c>, <c>sha256</c>; the answer is
/// <c>content</c> (the assistant's text) or <c>response</c> (a whole chat.completion body); <c>latency_ms</c> is optional.
/// </summary>
internal static class SimulatedRecordingFile
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Every recording of the file, or the problems (file and line named) that keep it from loading.</summary>
    public static List<SimulatedRecording> Load(string path, List<string> errors)
    {
        var recordings = new List<SimulatedRecording>();
        if (!File.Exists(path))
        {
            errors.Add($"the recorded-answers file '{path}' does not exist.");
            return recordings;
        }

        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (Read(document.RootElement, number, out var problem) is { } recording)
                {
                    recordings.Add(recording);
                }
                else
                {
                    errors.Add(Where(path, number) + problem);
                }
            }
            catch (JsonException exception)
            {
                errors.Add(Where(path, number) + JsonSyntaxError.Describe(Encoding.UTF8.GetBytes(line), exception).Replace("The request body", "the line", StringComparison.Ordinal));
            }
        }

        return recordings;
    }

    private static string Where(string path, int line) => string.Create(CultureInfo.InvariantCulture, $"{path} line {line}: ");

    private static SimulatedRecording? Read(JsonElement root, int line, out string problem)
    {
        problem = string.Empty;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(model.GetString()))
        {
            problem = "each line needs a \"model\" (a model name, or \"*\" for any).";
            return null;
        }

        if (!root.TryGetProperty("match", out var match) || match.ValueKind != JsonValueKind.Object
            || match.EnumerateObject().Count() != 1 || match.EnumerateObject().First() is not { Value.ValueKind: JsonValueKind.String } rule)
        {
            problem = "\"match\" needs exactly one of \"exact\", \"contains\", \"regex\", \"sha256\" with a string value.";
            return null;
        }

        var value = rule.Value.GetString()!;
        Regex? pattern = null;
        switch (rule.Name)
        {
            case "exact" or "contains":
                break;
            case "regex":
                try
                {
                    pattern = new Regex(value, RegexOptions.CultureInvariant, RegexTimeout);
                }
                catch (ArgumentException exception)
                {
                    problem = $"\"match.regex\" is not a valid regular expression: {exception.Message}";
                    return null;
                }

                break;
            case "sha256" when value.Length == 64 && value.All(char.IsAsciiHexDigit):
                break;
            case "sha256":
                problem = "\"match.sha256\" must be 64 hex digits (the SHA-256 of the UTF-8 conversation text).";
                return null;
            default:
                problem = $"unknown match \"{rule.Name}\": use \"exact\", \"contains\", \"regex\" or \"sha256\".";
                return null;
        }

        var hasContent = root.TryGetProperty("content", out var content);
        var hasResponse = root.TryGetProperty("response", out var response);
        if (hasContent == hasResponse || (hasContent && content.ValueKind != JsonValueKind.String) || (hasResponse && response.ValueKind != JsonValueKind.Object))
        {
            problem = "give the answer as either \"content\" (a string) or \"response\" (a chat.completion object), not both.";
            return null;
        }

        TimeSpan? latency = null;
        if (root.TryGetProperty("latency_ms", out var milliseconds))
        {
            if (!milliseconds.TryGetDouble(out var ms) || ms < 0 || double.IsNaN(ms))
            {
                problem = "\"latency_ms\" must be a non-negative number.";
                return null;
            }

            latency = TimeSpan.FromMilliseconds(ms);
        }

        return new SimulatedRecording
        {
            Model = model.GetString()!,
            Line = line,
            Exact = rule.Name == "exact" ? value : null,
            Contains = rule.Name == "contains" ? value : null,
            Pattern = pattern,
            Sha256 = rule.Name == "sha256" ? value.ToLowerInvariant() : null,
            Content = hasContent ? content.GetString() : RecordedContent(response),
            Body = hasResponse ? JsonSerializer.SerializeToUtf8Bytes(response) : null,
            Latency = latency,
        };
    }

    private static string? RecordedContent(JsonElement response) =>
        response.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
        && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
}
