using Agentic.BatchService.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.BatchService.Workflows;

/// <summary>
/// A batch job: plan the input into row ranges, run a child workflow per range in a sliding window,
/// then write the manifest. History stays bounded: every <see cref="BatchJobInput.BatchesPerRun"/>
/// batches the window drains and the workflow continues as new with its counters.
/// </summary>
[Workflow]
public class BatchJobWorkflow
{
    private static readonly ActivityOptions ShortActivity = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(30),
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(1),
            MaximumInterval = TimeSpan.FromSeconds(30),
            NonRetryableErrorTypes = [BatchPartWorkflow.InputInvalidError],
        },
        // Bookkeeping must finish even when the job is being cancelled.
        CancellationToken = CancellationToken.None,
    };

    private readonly List<Task> _parts = [];
    private BatchJobInput _input = null!;
    private BatchPlan? _plan;
    private BatchTotals _totals = BatchTotals.Empty;
    private BatchJobStatus _status = BatchJobStatus.Planning;
    private DateTime _startedAt;
    private DateTime? _finishedAt;
    private string? _manifestPath;
    private string? _stopReason;
    private BatchJobStatus? _stopStatus;
    private int _nextPart;
    private int _inFlight;
    private long _outstandingAllowance;
    private decimal _outstandingCost;

    /// <summary>Jobs with a cost budget stop on it; recorded histories from before it replay without the marker.</summary>
    public const string CostBudgetPatch = "batch-cost-budget";

    private bool StopRequested => _stopStatus is not null || Workflow.CancellationToken.IsCancellationRequested;

    [WorkflowRun]
    public async Task<BatchProgress> RunAsync(BatchJobInput input)
    {
        _input = input;
        if (input.Carry is { } carry)
        {
            _plan = carry.Plan;
            _nextPart = carry.NextPart;
            _totals = carry.Totals;
            _startedAt = carry.StartedAt;
            _stopReason = carry.StopReason;
            _stopStatus = carry.StopStatus;
        }
        else
        {
            _startedAt = Workflow.UtcNow;
            try
            {
                _plan = await Workflow.ExecuteActivityAsync(
                    (BatchActivities activities) => activities.PlanAsync(
                        new PlanBatchInput(input.JobId, input.Input, input.BatchSize, input.OutputLocation)),
                    ShortActivity);
            }
            catch (ActivityFailureException failure)
            {
                return await FinishAsync(BatchJobStatus.Failed, failure.InnerException?.Message ?? failure.Message);
            }
        }

        _status = BatchJobStatus.Running;
        var plan = _plan;
        var startedThisRun = 0;
        while (_nextPart < plan.PartCount)
        {
            await Workflow.WaitConditionAsync(
                () => _inFlight < input.MaxConcurrentBatches || StopRequested, CancellationToken.None);
            await SurfacePartFaultsAsync();
            if (StopRequested)
            {
                break;
            }

            if (startedThisRun >= input.BatchesPerRun || Workflow.ContinueAsNewSuggested)
            {
                // Children must not outlive the run that awaits them, so drain before handing over.
                await Workflow.WaitConditionAsync(() => _inFlight == 0, CancellationToken.None);
                await SurfacePartFaultsAsync();
                if (StopRequested)
                {
                    break;
                }

                var next = input with
                {
                    Carry = new BatchJobCarry(plan, _nextPart, _totals, _startedAt, _stopReason, _stopStatus, (input.Carry?.Run ?? 0) + 1),
                };
                throw Workflow.CreateContinueAsNewException((BatchJobWorkflow workflow) => workflow.RunAsync(next));
            }

            long? allowance = null;
            if (input.TokenBudget is { } budget)
            {
                var available = budget - _totals.TokensUsed - _outstandingAllowance;
                if (available <= 0)
                {
                    Stop(BatchJobStatus.BudgetExhausted, $"token budget of {budget} exhausted");
                    break;
                }

                // Share what is left among the free slots of the window, so batches in flight can
                // never spend more than the budget between them.
                allowance = available / (input.MaxConcurrentBatches - _inFlight);
            }

            var costShare = 0m;
            var costBound = false;
            if (input.CostBudget is { } costBudget && input.Price is { MostPerToken: > 0 } price && Workflow.Patched(CostBudgetPatch))
            {
                var available = costBudget - CostOf(_totals)!.Value - _outstandingCost;
                costShare = available / (input.MaxConcurrentBatches - _inFlight);
                // Tokens the share buys even if every one is of the dearest kind, so a batch can never spend more.
                var affordable = available <= 0 ? 0 : (long)decimal.Floor(costShare / price.MostPerToken);
                if (affordable <= 0)
                {
                    Stop(BatchJobStatus.BudgetExhausted, CostBudgetMessage(costBudget));
                    break;
                }

                costBound = allowance is null || affordable < allowance;
                allowance = Math.Min(allowance ?? long.MaxValue, affordable);
            }

            _parts.Add(RunPartAsync(_nextPart, allowance, costShare, costBound));
            _nextPart++;
            startedThisRun++;
        }

        await Workflow.WaitConditionAsync(() => _inFlight == 0, CancellationToken.None);
        await SurfacePartFaultsAsync();

        if (Workflow.CancellationToken.IsCancellationRequested && _stopStatus is null)
        {
            Stop(BatchJobStatus.Cancelled, "cancellation requested");
        }

        return await FinishAsync(_stopStatus ?? BatchJobStatus.Completed, _stopReason);
    }

    [WorkflowSignal]
    public Task CancelAsync(CancelBatchSignal signal)
    {
        Stop(BatchJobStatus.Cancelled, string.IsNullOrWhiteSpace(signal.Reason) ? "cancelled" : $"cancelled: {signal.Reason}");
        return Task.CompletedTask;
    }

    [WorkflowQuery]
    public BatchProgress GetProgress() => new(
        _input.JobId,
        _status,
        _plan?.TotalRows ?? 0,
        _totals.Succeeded,
        _totals.Failed,
        _totals.Skipped,
        _totals.PromptTokens,
        _totals.CompletionTokens,
        _plan?.PartCount ?? 0,
        _totals.PartsCompleted,
        _inFlight,
        _startedAt,
        _finishedAt,
        _input.OutputLocation,
        _manifestPath,
        _stopReason,
        CostOf(_totals),
        _input.CostBudget);

    private static string CostBudgetMessage(decimal budget) => FormattableString.Invariant($"cost budget of {budget} USD exhausted");

    /// <summary>What the tokens so far cost at the job's price (prompt tokens at the input price); null without a price.</summary>
    private decimal? CostOf(BatchTotals totals) => _input.Price?.Cost(totals.PromptTokens, 0, totals.CompletionTokens);

    private void Stop(BatchJobStatus status, string reason)
    {
        // The first reason wins: a budget stop followed by a cancel is still a budget stop.
        if (_stopStatus is null)
        {
            _stopStatus = status;
            _stopReason = reason;
        }
    }

    private async Task RunPartAsync(int part, long? allowance, decimal costShare, bool costBound)
    {
        var plan = _plan!;
        _inFlight++;
        _outstandingAllowance += allowance ?? 0;
        _outstandingCost += costShare;
        var partInput = new BatchPartInput(
            _input.JobId,
            part,
            plan.FirstRowOf(part),
            plan.RowCountOf(part),
            plan.IndexPath,
            _input.Input,
            _input.Task,
            _input.OutputLocation,
            allowance,
            _input.PartHeartbeatTimeout,
            _input.OutputFormat,
            _input.ResultSink);
        BatchPartResult result;
        try
        {
            result = await Workflow.ExecuteChildWorkflowAsync(
                (BatchPartWorkflow workflow) => workflow.RunAsync(partInput),
                new ChildWorkflowOptions
                {
                    Id = $"{Workflow.Info.WorkflowId}/part-{part:D6}",
                    RetryPolicy = new RetryPolicy { MaximumAttempts = 3 },
                    // A cancelled job lets its batches in flight finish, so their parts stay whole.
                    CancellationToken = CancellationToken.None,
                });
        }
        catch (ChildWorkflowFailureException failure)
        {
            // Still one record per row: every row of a batch that gave up is recorded as failed.
            var error = failure.InnerException?.InnerException?.Message ?? failure.InnerException?.Message ?? failure.Message;
            result = await Workflow.ExecuteActivityAsync(
                (BatchActivities activities) => activities.WriteFailedPartAsync(new WriteFailedPartInput(partInput, error)),
                ShortActivity);
        }

        _totals = _totals.Add(result);
        if (result.BudgetExhausted)
        {
            Stop(BatchJobStatus.BudgetExhausted, costBound ? CostBudgetMessage(_input.CostBudget!.Value) : $"token budget of {_input.TokenBudget} exhausted");
        }

        if (_input.FailurePolicy?.Breach(_totals) is { } breach)
        {
            Stop(BatchJobStatus.Failed, breach);
        }

        _outstandingAllowance -= allowance ?? 0;
        _outstandingCost -= costShare;
        _inFlight--;
    }

    private async Task SurfacePartFaultsAsync()
    {
        if (_parts.Find(task => task.IsFaulted) is { } faulted)
        {
            await faulted;
        }

        _parts.RemoveAll(task => task.IsCompleted);
    }

    private async Task<BatchProgress> FinishAsync(BatchJobStatus status, string? message)
    {
        _stopReason = message;
        var finishedAt = Workflow.UtcNow;
        var manifest = await Workflow.ExecuteActivityAsync(
            (BatchActivities activities) => activities.WriteManifestAsync(new WriteManifestInput(
                _input.JobId, _input.OutputLocation, status, message, _plan, _totals, _startedAt, finishedAt, CostOf(_totals))),
            ShortActivity);
        _manifestPath = manifest.ManifestPath;
        _finishedAt = finishedAt;
        _status = status;
        return GetProgress();
    }
}
