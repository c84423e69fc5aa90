using Agentic.BatchService.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.BatchService.Workflows;

/// <summary>
/// A shadow comparison: join the two inputs into chunks of row pairs, compare the chunks in a sliding window,
/// then write the manifest and report. Only counters travel through the history (a chunk's rows stay in its
/// files), and every <see cref="ShadowComparisonInput.ChunksPerRun"/> chunks the run continues as new.
/// </summary>
[Workflow]
public class ShadowComparisonWorkflow
{
    private static readonly ActivityOptions PlanOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromHours(2),
        HeartbeatTimeout = TimeSpan.FromMinutes(2),
        RetryPolicy = new RetryPolicy { MaximumAttempts = 3, NonRetryableErrorTypes = [BatchPartWorkflow.InputInvalidError] },
    };

    private static readonly ActivityOptions ChunkOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromHours(1),
        HeartbeatTimeout = TimeSpan.FromMinutes(2),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromSeconds(30), MaximumAttempts = 5 },
    };

    private static readonly ActivityOptions ReportOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(10),
        RetryPolicy = new RetryPolicy { MaximumInterval = TimeSpan.FromSeconds(30) },
    };

    private ShadowComparisonInput _input = null!;
    private ShadowPlan? _plan;
    private ShadowTally _tally = ShadowTally.Empty;
    private BatchJobStatus _status = BatchJobStatus.Planning;
    private DateTime _startedAt;
    private DateTime? _finishedAt;
    private ShadowReportResult? _report;
    private ShadowJuryPanel? _jury;
    private string? _message;
    private int _nextChunk;
    private int _chunksCompleted;
    private int _inFlight;

    [WorkflowRun]
    public async Task<ShadowProgress> RunAsync(ShadowComparisonInput input)
    {
        _input = input;
        if (input.Carry is { } carry)
        {
            (_plan, _nextChunk, _tally, _startedAt, _jury) = (carry.Plan, carry.NextChunk, carry.Tally, carry.StartedAt, carry.Jury);
            _chunksCompleted = carry.NextChunk;
        }
        else
        {
            _startedAt = Workflow.UtcNow;
            if (input.Jury is { } jury)
            {
                try
                {
                    _jury = await ResolveJuryAsync(jury);
                }
                catch (ChildWorkflowFailureException failure)
                {
                    return await FinishAsync(BatchJobStatus.Failed, $"jury: {Innermost(failure).Message}");
                }
            }

            try
            {
                _plan = await Workflow.ExecuteActivityAsync(
                    (ShadowActivities activities) => activities.PlanShadowAsync(new PlanShadowInput(
                        input.JobId, input.Baseline, input.Candidate, input.CategoryColumn, input.OutputLocation, input.ChunkSize)),
                    PlanOptions);
            }
            catch (ActivityFailureException failure)
            {
                return await FinishAsync(BatchJobStatus.Failed, failure.InnerException?.Message ?? failure.Message);
            }
        }

        _status = BatchJobStatus.Running;
        var plan = _plan!;
        var startedThisRun = 0;
        var chunks = new List<Task>();
        while (_nextChunk < plan.ChunkCount)
        {
            if (startedThisRun >= input.ChunksPerRun || Workflow.ContinueAsNewSuggested)
            {
                // Activities must not outlive the run that awaits them, so drain before handing over.
                await Workflow.WhenAllAsync(chunks);
                var next = input with { Carry = new ShadowCarry(plan, _nextChunk, _tally, _startedAt, (input.Carry?.Run ?? 0) + 1, _jury) };
                throw Workflow.CreateContinueAsNewException((ShadowComparisonWorkflow workflow) => workflow.RunAsync(next));
            }

            await Workflow.WaitConditionAsync(() => _inFlight < input.MaxConcurrentChunks);
            chunks.Add(CompareChunkAsync(_nextChunk));
            _nextChunk++;
            startedThisRun++;
        }

        await Workflow.WhenAllAsync(chunks);
        return await FinishAsync(BatchJobStatus.Completed, null);
    }

    [WorkflowQuery]
    public ShadowProgress GetProgress() => new(
        _input.JobId, _status, _plan, _tally, _chunksCompleted, _input.Thresholds, _startedAt, _finishedAt, _report?.ManifestPath, _report?.ReportPath, _message, _jury);

    private async Task CompareChunkAsync(int chunk)
    {
        _inFlight++;
        ShadowTally result;
        try
        {
            result = await Workflow.ExecuteActivityAsync(
                (ShadowActivities activities) => activities.CompareShadowChunkAsync(new CompareShadowChunkInput(
                    _input.JobId, _input.OutputLocation, chunk, _input.CategoryColumn, _input.EmbeddingModel, _input.JudgeModel,
                    _input.Thresholds.SimilarityThreshold)),
                ChunkOptions);
        }
        catch (ActivityFailureException)
        {
            // A chunk that gave up fails its rows, not the comparison: the others still say what changed.
            result = ShadowTally.Empty.WithFailed(_plan!.PairsIn(chunk));
        }

        if (_input.Jury is { } jury && _jury is { } panel && result.Changed > 0)
        {
            result = await JudgeChunkAsync(chunk, jury, panel, result);
        }

        _tally = _tally.Add(result);
        _chunksCompleted++;
        _inFlight--;
    }

    /// <summary>Which version of the suite judges (the latest when none is named), asked once so every chunk has the same jury.</summary>
    private static async Task<ShadowJuryPanel> ResolveJuryAsync(ShadowJurySpec jury)
    {
        var resolved = await Workflow.ExecuteChildWorkflowAsync<EvalJuryResult>(
            EvalJury.WorkflowType,
            [new EvalJuryRequest(jury.Suite, jury.SuiteVersion, [])],
            new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/jury", TaskQueue = jury.TaskQueue, ExecutionTimeout = jury.Timeout });
        return new ShadowJuryPanel(resolved.Suite, resolved.SuiteVersion, resolved.Judges);
    }

    /// <summary>The jury on a compared chunk's changed pairs; its count replaces the comparer's, whose calls it adds.</summary>
    private async Task<ShadowTally> JudgeChunkAsync(int chunk, ShadowJurySpec jury, ShadowJuryPanel panel, ShadowTally compared)
    {
        try
        {
            var input = new ShadowJuryInput(
                _input.JobId, _input.OutputLocation, chunk, jury, panel.SuiteVersion, _input.Thresholds.SimilarityThreshold, _input.CategoryColumn is not null);
            var judged = await Workflow.ExecuteChildWorkflowAsync(
                (ShadowJuryWorkflow workflow) => workflow.RunAsync(input),
                new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/jury-{chunk}" });
            return judged with { Tokens = judged.Tokens + compared.Tokens, CostUsd = judged.CostUsd + compared.CostUsd };
        }
        catch (ChildWorkflowFailureException)
        {
            // The pairs stay compared without a verdict (each row says why only when the jury could write it).
            return compared;
        }
    }

    /// <summary>The failure that started it all (eval-service's "suite not registered" under its activity and child failures).</summary>
    internal static Exception Innermost(Exception failure)
    {
        while (failure.InnerException is { } inner)
        {
            failure = inner;
        }

        return failure;
    }

    private async Task<ShadowProgress> FinishAsync(BatchJobStatus status, string? message)
    {
        _message = message;
        var finishedAt = Workflow.UtcNow;
        var report = new WriteShadowReportInput(_input with { Carry = null }, status, message, _plan, _tally, _startedAt, finishedAt, _jury);
        _report = await Workflow.ExecuteActivityAsync(
            (ShadowActivities activities) => activities.WriteShadowReportAsync(report),
            ReportOptions);
        _finishedAt = finishedAt;
        _status = status;
        return GetProgress();
    }
}
