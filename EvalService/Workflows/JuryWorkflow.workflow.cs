using Agentic.EvalService.Activities;
using Agentic.EvalService.Judging;
using Temporalio.Common;
using Temporalio.Workflows;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// A suite's jury on cases another service brings (batch-service's shadow comparison asks it whether two answers
/// are equivalent): the jury is read from the registered suite, each judge runs as a <see cref="JudgeWorkflow"/>
/// child and <see cref="JuryAggregator"/> decides, exactly as for an offline case, without checks or storage.
/// </summary>
[Workflow]
public sealed class JuryWorkflow
{
    private static readonly ActivityOptions LoadOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromSeconds(30) },
    };

    [WorkflowRun]
    public async Task<JuryVerdicts> RunAsync(JuryRequest request)
    {
        var loaded = await Workflow.ExecuteActivityAsync(
            (SuiteActivities a) => a.LoadJuryAsync(new LoadJuryInput(request.Suite, request.SuiteVersion)), LoadOptions);
        var jury = loaded.Jury;
        var verdicts = await Workflow.WhenAllAsync(request.Cases.Select(async item =>
        {
            var answers = await Workflow.WhenAllAsync(jury.Judges.Select(judge =>
            {
                var input = new JudgeInput(
                    judge, item.UserRequest, item.Response, item.OtherResponse, item.Context ?? [], jury.PassThreshold, jury.BothOrders, item.CaseId);
                return Workflow.ExecuteChildWorkflowAsync(
                    (JudgeWorkflow w) => w.RunAsync(input),
                    new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/{item.CaseId}/{judge.Name}" });
            }));
            return new JuryCaseVerdict(item.CaseId, JuryAggregator.Aggregate(jury, answers), answers);
        }));
        return new JuryVerdicts(loaded.Suite, loaded.SuiteVersion, jury.Judges.Select(j => j.Name).ToList(), verdicts);
    }
}
