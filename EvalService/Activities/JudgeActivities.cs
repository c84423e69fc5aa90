using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.AI;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Activities;

/// <summary>
/// Asks a judge model through the gateway (eval-service's own caller key) for a structured verdict: the
/// response format is a JSON schema, so the answer parses without guessing.
/// </summary>
public sealed class JudgeActivities(IChatClient chat, EvalMetrics metrics)
{
    public const string UnparseableAnswer = "JudgeAnswerUnparseable";

    /// <summary>
    /// One judge on one case of an offline run, every call of it in this activity (both orders of a pairwise judge
    /// at once): one activity per judge and case instead of a child workflow and its activities.
    /// </summary>
    [Activity]
    public Task<JudgeVerdict> JudgeAsync(JudgeInput input) => JudgeProcedure.JudgeAsync(input, AskAsync);

    [Activity]
    public async Task<JudgeAnswer> AskAsync(JudgeCallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = new ChatOptions
        {
            ModelId = input.Judge.Model,
            Temperature = 0,
            MaxOutputTokens = 400,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JudgeSchemas.For(input.Judge.Output), "verdict", "The judge's verdict and a short reason."),
        };
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, JudgePrompt.System(input.Judge)),
            new(ChatRole.User, JudgePrompt.Case(input)),
        };
        var clock = Stopwatch.StartNew();
        var answered = false;
        try
        {
            var response = await chat.GetResponseAsync(messages, options, ActivityExecutionContext.Current.CancellationToken);
            var answer = Parse(input.Judge.Output, response.Text) with
            {
                TokensIn = response.Usage?.InputTokenCount ?? 0,
                TokensOut = response.Usage?.OutputTokenCount ?? 0,
            };
            answered = true;
            return answer;
        }
        finally
        {
            metrics.JudgeCalled(input.Judge.Model, clock.Elapsed, answered);
        }
    }

    public static JudgeAnswer Parse(JudgeOutput output, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
            return output switch
            {
                JudgeOutput.Score when root.TryGetProperty("score", out var s) && s.TryGetDouble(out var score) && score is >= 0 and <= 10 =>
                    new JudgeAnswer(score / 10, null, null, reason),
                JudgeOutput.PassFail when root.TryGetProperty("pass", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False =>
                    new JudgeAnswer(null, p.GetBoolean(), null, reason),
                JudgeOutput.Pairwise when root.TryGetProperty("choice", out var c) && c.TryGetInt32(out var choice) && choice is 1 or 2 =>
                    new JudgeAnswer(null, null, choice, reason),
                _ => throw Unparseable(output, text),
            };
        }
        catch (JsonException)
        {
            throw Unparseable(output, text);
        }
    }

    // The judge's text may quote the answer under evaluation: the failure keeps only its length.
    private static ApplicationFailureException Unparseable(JudgeOutput output, string text) =>
        new($"the judge's answer ({Encoding.UTF8.GetByteCount(text)} bytes) is not a {output} verdict", UnparseableAnswer);
}
