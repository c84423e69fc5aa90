using Agentic.EvalService.Suites;
using Agentic.EvalService.Workflows;
using Temporalio.Common;
using Temporalio.Workflows;

namespace Agentic.EvalService.Judging;

/// <summary>
/// The one way a judge judges a case, whoever runs it: a live turn's <see cref="JudgeWorkflow"/> (each model call
/// an activity) or an offline chunk's judge activity (the calls made in that activity). A pairwise judge asked in
/// both orders keeps its choice only if it holds (<see cref="PairwiseOrders"/>). Failures of the model calls
/// propagate: the caller turns them into <see cref="JudgeVerdict.Failed"/>.
/// </summary>
public static class JudgeProcedure
{
    /// <summary>The judge's own timeout and retries, for whichever activity carries its calls.</summary>
    public static ActivityOptions Options(JudgeSpec judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        return new ActivityOptions
        {
            StartToCloseTimeout = judge.Timeout,
            RetryPolicy = new RetryPolicy
            {
                MaximumAttempts = judge.MaxAttempts,
                InitialInterval = TimeSpan.FromMilliseconds(200),
                BackoffCoefficient = 2,
            },
        };
    }

    // Workflow.WhenAllAsync is Task.WhenAll, safe both inside a workflow and outside one.
    public static async Task<JudgeVerdict> JudgeAsync(JudgeInput input, Func<JudgeCallInput, Task<JudgeAnswer>> ask)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ask);
        var judge = input.Judge;
        if (input.OtherResponse is null)
        {
            var answer = await ask(new JudgeCallInput(judge, input.UserRequest, input.Response, null, input.Context, Tag(input, false)));
            return Verdict(input, answer, answer.Choice);
        }

        var original = ask(new JudgeCallInput(judge, input.UserRequest, input.Response, input.OtherResponse, input.Context, Tag(input, false)));
        if (!input.BothOrders)
        {
            var only = await original;
            return Verdict(input, only, only.Choice);
        }

        var swapped = ask(new JudgeCallInput(judge, input.UserRequest, input.OtherResponse, input.Response, input.Context, Tag(input, true)));
        await Workflow.WhenAllAsync(original, swapped);
        var choice = PairwiseOrders.Combine(original.Result.Choice, swapped.Result.Choice is { } s ? PairwiseOrders.Unswap(s) : null);
        return Verdict(input, original.Result with
        {
            Reason = $"{original.Result.Reason} | swapped: {swapped.Result.Reason}",
            TokensIn = original.Result.TokensIn + swapped.Result.TokensIn,
            TokensOut = original.Result.TokensOut + swapped.Result.TokensOut,
        }, choice);
    }

    private static string? Tag(JudgeInput input, bool swapped) =>
        input.CaseId is null ? null : swapped ? $"case {input.CaseId} swapped" : $"case {input.CaseId}";

    private static JudgeVerdict Verdict(JudgeInput input, JudgeAnswer answer, int? choice)
    {
        var judge = input.Judge;
        var verdict = judge.Output switch
        {
            JudgeOutput.Pairwise => new JudgeVerdict(judge.Name, judge.Model, true, choice switch { 1 => 1, 2 => 0, _ => 0.5 }, choice == 1, choice ?? 0, answer.Reason),
            JudgeOutput.PassFail => new JudgeVerdict(judge.Name, judge.Model, true, answer.Pass == true ? 1 : 0, answer.Pass == true, null, answer.Reason),
            _ => new JudgeVerdict(judge.Name, judge.Model, true, answer.Score ?? 0, (answer.Score ?? 0) >= input.PassThreshold, null, answer.Reason),
        };
        return verdict with { TokensIn = answer.TokensIn, TokensOut = answer.TokensOut };
    }
}
