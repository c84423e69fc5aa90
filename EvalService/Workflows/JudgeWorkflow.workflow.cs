using Agentic.EvalService.Activities;
using Agentic.EvalService.Judging;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// One judge on one case of a live turn, with the judge's own timeout and retries on each model call. A judge
/// that keeps failing does not fail its jury: it returns a verdict that says it did not answer, and the jury's
/// quorum decides what that means. Offline chunks run the same <see cref="JudgeProcedure"/> as one activity.
/// </summary>
[Workflow]
public sealed class JudgeWorkflow
{
    [WorkflowRun]
    public async Task<JudgeVerdict> RunAsync(JudgeInput input)
    {
        var options = JudgeProcedure.Options(input.Judge);
        try
        {
            return await JudgeProcedure.JudgeAsync(input, call => Workflow.ExecuteActivityAsync((JudgeActivities a) => a.AskAsync(call), options));
        }
        catch (ActivityFailureException failure)
        {
            return JudgeVerdict.Failed(input.Judge.Name, input.Judge.Model, (failure.InnerException ?? failure).Message);
        }
    }
}
