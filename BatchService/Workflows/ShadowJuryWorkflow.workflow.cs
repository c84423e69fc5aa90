using Agentic.BatchService.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.BatchService.Workflows;

/// <summary>
/// Eval-service's jury on one chunk's changed pairs: read them, put them before the jury in calls of a few pairs
/// (eval-service's jury workflow, started by type name on its task queue, a few at a time), then write the
/// verdicts into the chunk's result records and count the chunk again. A call that fails leaves its pairs
/// unjudged, with the reason on each row; the chunk's texts live in this child's history only, never the job's.
/// </summary>
[Workflow]
public class ShadowJuryWorkflow
{
    private static readonly ActivityOptions FileOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(10),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromSeconds(30), MaximumAttempts = 5 },
    };

    private readonly List<EvalJuryCaseVerdict> _verdicts = [];
    private readonly List<ShadowJuryMiss> _misses = [];
    private int _inFlight;

    [WorkflowRun]
    public async Task<ShadowTally> RunAsync(ShadowJuryInput input)
    {
        var cases = await Workflow.ExecuteActivityAsync(
            (ShadowActivities activities) => activities.ReadJuryCasesAsync(new ReadShadowJuryCasesInput(input.OutputLocation, input.Chunk)),
            FileOptions);
        var calls = new List<Task>();
        var call = 0;
        foreach (var page in cases.Cases.Chunk(input.Jury.CasesPerCall))
        {
            await Workflow.WaitConditionAsync(() => _inFlight < input.Jury.CallsInFlight);
            calls.Add(AskAsync(input, page, call++));
        }

        await Workflow.WhenAllAsync(calls);
        return await Workflow.ExecuteActivityAsync(
            (ShadowActivities activities) => activities.ApplyJuryVerdictsAsync(new ApplyShadowJuryInput(
                input.OutputLocation, input.Chunk, input.SimilarityThreshold, input.ByCategory, _verdicts, _misses)),
            FileOptions);
    }

    private async Task AskAsync(ShadowJuryInput input, EvalJuryCase[] page, int call)
    {
        _inFlight++;
        try
        {
            var result = await Workflow.ExecuteChildWorkflowAsync<EvalJuryResult>(
                EvalJury.WorkflowType,
                [new EvalJuryRequest(input.Jury.Suite, input.SuiteVersion, page)],
                new ChildWorkflowOptions
                {
                    Id = $"{Workflow.Info.WorkflowId}/{call}",
                    TaskQueue = input.Jury.TaskQueue,
                    ExecutionTimeout = input.Jury.Timeout,
                });
            _verdicts.AddRange(result.Cases);
        }
        catch (ChildWorkflowFailureException failure)
        {
            _misses.Add(new ShadowJuryMiss(page.Select(c => c.CaseId).ToList(), $"jury: {ShadowComparisonWorkflow.Innermost(failure).Message}"));
        }
        finally
        {
            _inFlight--;
        }
    }
}
