using Agentic.EvalService.Activities;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// One judge on one case, with the judge's own timeout and retries. A judge that keeps failing does not fail
/// its jury: it returns a verdict that says it did not answer, and the jury's quorum decides what that means.
/// </summary>
[Workflow]
public sealed class JudgeWorkflow
{
    [WorkflowRun]
    public async Task<JudgeVerdict> RunAsync(JudgeInput input)
    {
        var judge = input.Judge;
        var options = new ActivityOptions
        {
            StartToCloseTimeout = judge.Timeout,
            RetryPolicy = new RetryPolicy
            {
                MaximumAttempts = judge.MaxAttempts,
                InitialInterval = TimeSpan.FromMilliseconds(200),
                BackoffCoefficient = 2,
            },
        };
        try
        {
            if (input.OtherResponse is null)
            {
                var answer = await Workflow.ExecuteActivityAsync(
                    (JudgeActivities a) => a.AskAsync(new JudgeCallInput(judge, input.UserRequest, input.Response, null, input.Context, Tag(input, false))), options);
                return Verdict(input, answer, answer.Choice);
            }

            var original = Workflow.ExecuteActivityAsync(
                (JudgeActivities a) => a.AskAsync(new JudgeCallInput(judge, input.UserRequest, input.Response, input.OtherResponse, input.Context, Tag(input, false))), options);
            if (!input.BothOrders)
            {
                var only = await original;
                return Verdict(input, only, only.Choice);
            }

            var swapped = Workflow.ExecuteActivityAsync(
                (JudgeActivities a) => a.AskAsync(new JudgeCallInput(judge, input.UserRequest, input.OtherResponse, input.Response, input.Context, Tag(input, true))), options);
            await Workflow.WhenAllAsync(original, swapped);
            var choice = PairwiseOrders.Combine(original.Result.Choice, swapped.Result.Choice is { } s ? PairwiseOrders.Unswap(s) : null);
            return Verdict(input, original.Result with
            {
                Reason = $"{original.Result.Reason} | swapped: {swapped.Result.Reason}",
                TokensIn = original.Result.TokensIn + swapped.Result.TokensIn,
                TokensOut = original.Result.TokensOut + swapped.Result.TokensOut,
            }, choice);
        }
        catch (ActivityFailureException failure)
        {
            return JudgeVerdict.Failed(judge.Name, judge.Model, (failure.InnerException ?? failure).Message);
        }
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
