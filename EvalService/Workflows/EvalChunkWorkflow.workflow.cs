using Agentic.EvalService.Activities;
using Agentic.EvalService.Checks;
using Agentic.EvalService.Datasets;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Runs;
using Agentic.EvalService.Storage;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// A chunk of an offline run: read its cases, evaluate them all at once the way a live turn is evaluated (checks
/// as local activities, each judge by <see cref="JudgeProcedure"/>, the jury by <see cref="JuryAggregator"/>),
/// then store the chunk in one idempotent write. A case that cannot be evaluated fails alone. Unlike a live
/// turn, each judge is an activity of the chunk, not a child workflow: one workflow per chunk, not 1 + 3 per case.
/// </summary>
[Workflow]
public sealed class EvalChunkWorkflow
{
    /// <summary>Chunks started before this patch judged each case with <see cref="JudgeWorkflow"/> children; they replay that way.</summary>
    public const string JudgesAsActivitiesPatch = "offline-judges-as-activities";

    private static readonly LocalActivityOptions CheckOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(10),
        RetryPolicy = new RetryPolicy { MaximumAttempts = 2 },
    };

    private static readonly ActivityOptions GatewayOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(2),
        RetryPolicy = new RetryPolicy { MaximumAttempts = 3, InitialInterval = TimeSpan.FromMilliseconds(500) },
    };

    private static readonly ActivityOptions StorageOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(2),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromSeconds(30) },
    };

    [WorkflowRun]
    public async Task<EvalChunkResult> RunAsync(EvalChunkInput input)
    {
        var read = await Workflow.ExecuteActivityAsync(
            (RunActivities a) => a.ReadCases(new ReadCasesInput(input.Dataset, input.FirstCase, input.Count)), StorageOptions);
        var outcomes = await Workflow.WhenAllAsync(read.Cases.Select(c => EvaluateAsync(input, c)));
        await Workflow.ExecuteActivityAsync(
            (RunActivities a) => a.SaveCasesAsync(new SaveCasesInput(input.RunId, outcomes.Select(o => o.Case).ToList(), outcomes.SelectMany(o => o.Verdicts).ToList())),
            StorageOptions);
        int Count(CaseState state) => outcomes.Count(o => o.Case.State == state);
        return new EvalChunkResult(outcomes.Length, Count(CaseState.Passed), Count(CaseState.Failed), Count(CaseState.Escalated), Count(CaseState.Error));
    }

    private static async Task<CaseOutcome> EvaluateAsync(EvalChunkInput input, EvalCase item)
    {
        if (item.Error is { } readError)
        {
            return Errored(input.RunId, item, item.Output ?? "", readError);
        }

        var output = item.Output;
        GeneratedOutput? generated = null;
        if (output is null)
        {
            if (input.Dataset.ModelUnderTest is not { Length: > 0 } model)
            {
                return Errored(input.RunId, item, "", "output: missing, and the run has no model under test");
            }

            try
            {
                generated = await Workflow.ExecuteActivityAsync(
                    (AnswerActivities a) => a.GenerateAsync(new GenerateOutputInput(model, item.Input, item.Context)), GatewayOptions);
                output = generated.Text;
            }
            catch (ActivityFailureException failure)
            {
                return Errored(input.RunId, item, "", $"the model under test did not answer: {(failure.InnerException ?? failure).Message}");
            }
        }

        IReadOnlyList<CheckOutcome> checks;
        try
        {
            checks = await RunChecksAsync(input, output);
        }
        catch (ActivityFailureException failure)
        {
            return Errored(input.RunId, item, output, $"a check could not run: {(failure.InnerException ?? failure).Message}");
        }

        var result = new StoredCase(
            input.RunId, item.CaseId, item.Index, item.Input, output, item.OtherOutput, item.Expected, item.GoldLabel,
            CaseState.Passed, 1, null, ResultJson.Write(checks), null, null, generated?.TokensIn ?? 0, generated?.TokensOut ?? 0,
            (double)RunCost.Of(input.Prices, input.Dataset.ModelUnderTest, generated?.TokensIn ?? 0, generated?.TokensOut ?? 0));
        if (checks.Any(c => !c.Passed))
        {
            return new CaseOutcome(result with { State = CaseState.Failed, Score = 0 }, []);
        }

        var jury = input.Definition.Jury;
        if (jury.Judges.Count == 0)
        {
            return new CaseOutcome(result, []);
        }

        var started = Workflow.UtcNow;
        var asActivities = Workflow.Patched(JudgesAsActivitiesPatch);
        var answers = await Workflow.WhenAllAsync(jury.Judges.Select(async judge =>
        {
            var judgeInput = new JudgeInput(judge, item.Input, output, item.OtherOutput, item.Context, jury.PassThreshold, jury.BothOrders, item.CaseId);
            var verdict = asActivities
                ? await JudgeAsync(judgeInput)
                : await Workflow.ExecuteChildWorkflowAsync(
                    (JudgeWorkflow w) => w.RunAsync(judgeInput),
                    new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/{item.CaseId}/{judge.Name}" });
            return (Verdict: verdict, LatencyMs: (int)(Workflow.UtcNow - started).TotalMilliseconds);
        }));
        var verdicts = answers.Select(a => a.Verdict).ToList();
        var decision = JuryAggregator.Aggregate(jury, verdicts);
        var state = !decision.QuorumMet || decision.Escalated ? CaseState.Escalated : decision.Passed ? CaseState.Passed : CaseState.Failed;
        var stored = answers.Select(a => new StoredJudgeVerdict(
            input.RunId, item.CaseId, a.Verdict.Judge, a.Verdict.Model, a.Verdict.Answered,
            a.Verdict.Answered ? a.Verdict.Score : null, a.Verdict.Answered ? a.Verdict.Passed : null, a.Verdict.Choice,
            a.Verdict.Reason, a.Verdict.Error, a.LatencyMs, a.Verdict.TokensIn, a.Verdict.TokensOut)).ToList();
        return new CaseOutcome(
            result with
            {
                State = state,
                Score = decision.QuorumMet ? decision.Score : null,
                Choice = decision.Choice,
                JuryJson = ResultJson.Write(decision),
                TokensIn = result.TokensIn + verdicts.Sum(v => v.TokensIn),
                TokensOut = result.TokensOut + verdicts.Sum(v => v.TokensOut),
                CostUsd = result.CostUsd + (double)verdicts.Sum(v => RunCost.Of(input.Prices, v.Model, v.TokensIn, v.TokensOut)),
            },
            stored);
    }

    /// <summary>
    /// One judge as one activity of this chunk (<see cref="JudgeProcedure"/>, as <see cref="JudgeWorkflow"/> runs
    /// it for live turns), with the judge's timeout and retries: one command per judge and case instead of a
    /// child workflow with its own history, which set the pace of offline runs (docs/evaluation.md).
    /// </summary>
    private static async Task<JudgeVerdict> JudgeAsync(JudgeInput input)
    {
        try
        {
            return await Workflow.ExecuteActivityAsync((JudgeActivities a) => a.JudgeAsync(input), JudgeProcedure.Options(input.Judge));
        }
        catch (ActivityFailureException failure)
        {
            return JudgeVerdict.Failed(input.Judge.Name, input.Judge.Model, (failure.InnerException ?? failure).Message);
        }
    }

    private static async Task<IReadOnlyList<CheckOutcome>> RunChecksAsync(EvalChunkInput input, string output)
    {
        // Offline, every check of the suite runs, live or not.
        var checks = input.Definition.Checks;
        var deterministic = checks.Where(DeterministicChecks.IsDeterministic).ToList();
        var outcomes = new List<CheckOutcome>();
        if (deterministic.Count > 0)
        {
            var result = await Workflow.ExecuteLocalActivityAsync(
                (CheckActivities a) => a.RunChecks(new RunChecksInput(deterministic, output)), CheckOptions);
            outcomes.AddRange(result.Outcomes);
        }

        outcomes.AddRange(await Workflow.WhenAllAsync(checks.Where(c => !DeterministicChecks.IsDeterministic(c)).Select(check =>
            Workflow.ExecuteActivityAsync((CheckActivities a) => a.RunSemanticCheckAsync(new SemanticCheckInput(check, output)), GatewayOptions))));
        return outcomes;
    }

    private static CaseOutcome Errored(string runId, EvalCase item, string output, string error) => new(
        new StoredCase(runId, item.CaseId, item.Index, item.Input, output, item.OtherOutput, item.Expected, item.GoldLabel,
            CaseState.Error, null, null, "[]", null, error),
        []);
}
