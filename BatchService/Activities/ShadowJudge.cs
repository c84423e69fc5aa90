using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Asks one judge model whether a changed pair still says the same thing. The answer is structured output
/// (<c>{"equivalent": bool}</c>); an answer that is not is recorded on the row, which stays compared.
/// </summary>
internal sealed class ShadowJudge(IChatClient chat, string model)
{
    private const string Instructions =
        "You compare two answers to the same request. Decide whether they are equivalent: the same facts, the same " +
        "decision, the same meaning, ignoring wording and formatting. Reply with JSON {\"equivalent\": true} or {\"equivalent\": false}.";

    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"equivalent":{"type":"boolean"}},"required":["equivalent"],"additionalProperties":false}""").RootElement.Clone();

    public async Task<(bool? Equivalent, string? Error, ShadowTokens Tokens)> JudgeAsync(string baseline, string candidate, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, Instructions),
                new ChatMessage(ChatRole.User, $"Baseline answer:\n<<<\n{baseline}\n>>>\n\nCandidate answer:\n<<<\n{candidate}\n>>>"),
            ],
            new ChatOptions
            {
                ModelId = model,
                Temperature = 0,
                MaxOutputTokens = 64,
                ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "equivalence"),
            },
            cancellationToken);
        var tokens = ShadowTokens.Of(response.Usage);
        try
        {
            using var answer = JsonDocument.Parse(response.Text);
            if (answer.RootElement.ValueKind == JsonValueKind.Object
                && answer.RootElement.TryGetProperty("equivalent", out var equivalent)
                && equivalent.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return (equivalent.GetBoolean(), null, tokens);
            }
        }
        catch (JsonException)
        {
            // Reported below like any other answer without the verdict.
        }

        return (null, "the judge's answer has no boolean 'equivalent'", tokens);
    }
}
