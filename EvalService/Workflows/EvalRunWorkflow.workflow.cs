using Agentic.EvalService.Activities;
using Agentic.EvalService.Storage;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// An offline run: record it and count its cases, evaluate them in chunks (<see cref="EvalChunkWorkflow"/>
/// children, a few at a time), then close the run. The history stays small however large the dataset: each
/// chunk is one child, and the run continues as new every <see cref="ChunksPerHistory"/> chunks.
/// Progress is in PostgreSQL (the counters of eval_runs), written as each chunk lands.
/// </summary>
[Workflow]
public sealed class EvalRunWorkflow
{
    public const int ChunksPerHistory = 40;

    public const string WorkflowIdPrefix = "eval-run/";

    private static readonly ActivityOptions StorageOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(5),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromSeconds(30) },
    };

    private int _casesDone;

    [WorkflowQuery]
    public int CasesDone => _casesDone;

    [WorkflowRun]
    public async Task<EvalRunResult> RunAsync(EvalRunInput input)
    {
        var runId = input.RunId.Length > 0 ? input.RunId : Workflow.Info.WorkflowId[WorkflowIdPrefix.Length..];
        var total = input.CasesTotal;
        var prices = input.Prices;
        if (total < 0)
        {
            try
            {
                var run = new NewRun(runId, input.RequestHash, input.Suite, input.SuiteVersion, input.Dataset.Describe,
                    input.Dataset.Format.ToString().ToLowerInvariant(), input.Dataset.ModelUnderTest, input.ScheduleId);
                var models = input.Definition.Jury.Judges.Select(j => j.Model).Append(input.Dataset.ModelUnderTest).OfType<string>().Distinct().ToList();
                var prepared = await Workflow.ExecuteActivityAsync((RunActivities a) => a.PrepareRunAsync(new PrepareRunInput(run, input.Dataset, models)), StorageOptions);
                (total, prices) = (prepared.CasesTotal, prepared.Prices);
            }
            catch (ActivityFailureException failure) when (failure.InnerException is ApplicationFailureException { ErrorType: RunActivities.DatasetUnreadable } unreadable)
            {
                await FinishAsync(runId, EvalRunState.Failed, unreadable.Message);
                return new EvalRunResult(runId, EvalRunState.Failed, 0, unreadable.Message);
            }
        }

        _casesDone = input.NextCase;
        int next;
        try
        {
            next = await RunChunksAsync(input with { Prices = prices }, runId, total);
        }
        catch (ChildWorkflowFailureException failure)
        {
            var error = $"a chunk failed: {(failure.InnerException ?? failure).Message}";
            await FinishAsync(runId, EvalRunState.Failed, error);
            return new EvalRunResult(runId, EvalRunState.Failed, total, error);
        }

        if (next < total)
        {
            var rest = input with { RunId = runId, NextCase = next, CasesTotal = total, Prices = prices };
            throw Workflow.CreateContinueAsNewException((EvalRunWorkflow w) => w.RunAsync(rest));
        }

        await FinishAsync(runId, EvalRunState.Completed, null);
        return new EvalRunResult(runId, EvalRunState.Completed, total);
    }

    /// <summary>Runs up to <see cref="ChunksPerHistory"/> chunks, a few at a time; returns the first case not yet started.</summary>
    private async Task<int> RunChunksAsync(EvalRunInput input, string runId, int total)
    {
        var next = input.NextCase;
        var running = new List<Task<EvalChunkResult>>();
        for (var chunks = 0; next < total && chunks < ChunksPerHistory; chunks++)
        {
            if (running.Count >= Math.Max(input.ParallelChunks, 1))
            {
                await TakeFinishedAsync(running);
            }

            var count = Math.Min(input.ChunkSize, total - next);
            var chunk = new EvalChunkInput(runId, input.Definition, input.Dataset, next, count, input.Prices);
            running.Add(Workflow.ExecuteChildWorkflowAsync(
                (EvalChunkWorkflow w) => w.RunAsync(chunk),
                new ChildWorkflowOptions { Id = $"{WorkflowIdPrefix}{runId}/chunk/{next}" }));
            next += count;
        }

        while (running.Count > 0)
        {
            await TakeFinishedAsync(running);
        }

        return next;
    }

    private async Task TakeFinishedAsync(List<Task<EvalChunkResult>> running)
    {
        var done = await Workflow.WhenAnyAsync(running);
        running.Remove(done);
        _casesDone += (await done).Cases;
    }

    private static Task FinishAsync(string runId, EvalRunState state, string? error) =>
        Workflow.ExecuteActivityAsync((RunActivities a) => a.FinishRunAsync(new FinishRunInput(runId, state, error)), StorageOptions);
}
