using Agentic.ApprovalService.Activities;
using Temporalio.Common;
using Temporalio.Workflows;

namespace Agentic.ApprovalService.Workflows;

/// <summary>
/// One per dbt project: gathers approved changes (debounced: a batch size or a quiet period), writes them into the
/// project on a new branch, opens a pull request and waits for it to be merged or closed, then tells each proposal.
/// One pull request is open at a time; changes approved meanwhile go into the next.
/// </summary>
[Workflow]
public class PullRequestWorkflow
{
    private static readonly ActivityOptions GitWork = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(5),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromMinutes(1) },
    };

    private readonly List<AddChangesSignal> _waiting = [];
    private PullRequestEventSignal? _hostEvent;
    private PullRequestRef? _open;

    public static string WorkflowId(string project) => $"approval-pr/{project}";

    [WorkflowQuery]
    public PullRequestRef? OpenPullRequest => _open;

    [WorkflowQuery]
    public int WaitingChanges => _waiting.Sum(batch => batch.Changes.Count);

    [WorkflowRun]
    public async Task RunAsync(PullRequestInput input)
    {
        _waiting.InsertRange(0, input.Waiting ?? []);
        await Workflow.WaitConditionAsync(() => _waiting.Count > 0);
        await Workflow.WaitConditionAsync(() => WaitingChanges >= input.Timings.BatchSize, input.Timings.Debounce);

        var batch = _waiting.ToList();
        _waiting.Clear();
        var changes = batch.SelectMany(signal => signal.Changes).ToList();
        _open = await Workflow.ExecuteActivityAsync(
            (PullRequestActivities activities) => activities.OpenAsync(new OpenPullRequestInput(input.Project, input.Repository, changes)),
            GitWork);
        WorkflowLog.PullRequestOpened(Workflow.Logger, changes.Count, _open.Url);
        foreach (var signal in batch)
        {
            await Workflow.GetExternalWorkflowHandle<DescribeModelWorkflow>(signal.SourceWorkflowId)
                .SignalAsync(workflow => workflow.PullRequestOpenedAsync(new PullRequestOpenedSignal(_open.Url, signal.Changes.Select(c => c.Key).ToList())));
        }

        var outcome = await WaitForOutcomeAsync(input);
        if (outcome.Merged)
        {
            await Workflow.ExecuteActivityAsync(
                (PullRequestActivities activities) => activities.AuditShippedAsync(new AuditShippedInput(input.Project, _open, outcome, changes)),
                GitWork);
        }

        foreach (var signal in batch)
        {
            var closed = new PullRequestClosedSignal(_open.Url, outcome.Merged, outcome.MergeCommit, outcome.ClosedAt, signal.Changes.Select(c => c.Key).ToList());
            await Workflow.GetExternalWorkflowHandle<DescribeModelWorkflow>(signal.SourceWorkflowId)
                .SignalAsync(workflow => workflow.PullRequestClosedAsync(closed));
        }

        // One pull request per run keeps history short; what arrived meanwhile starts the next run.
        await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
        var next = input with { Waiting = _waiting.ToList(), Run = input.Run + 1 };
        throw Workflow.CreateContinueAsNewException((PullRequestWorkflow workflow) => workflow.RunAsync(next));
    }

    [WorkflowSignal]
    public Task AddChangesAsync(AddChangesSignal signal)
    {
        _waiting.Add(signal);
        return Task.CompletedTask;
    }

    /// <summary>What the code host's webhook reported about a pull request of this project.</summary>
    [WorkflowSignal]
    public Task PullRequestEventAsync(PullRequestEventSignal signal)
    {
        if (_open?.Number == signal.Number)
        {
            _hostEvent = signal;
        }

        return Task.CompletedTask;
    }

    private async Task<PullRequestOutcome> WaitForOutcomeAsync(PullRequestInput input)
    {
        if (input.Repository.Host == CodeHostKind.GitHub)
        {
            await Workflow.WaitConditionAsync(() => _hostEvent is not null);
            return new PullRequestOutcome(_hostEvent!.Merged, _hostEvent.MergeCommit, _hostEvent.ClosedAt);
        }

        return await Workflow.ExecuteActivityAsync(
            (PullRequestActivities activities) => activities.WaitForMergeAsync(new WaitForMergeInput(input.Repository, _open!, input.Timings.MergePollInterval)),
            new ActivityOptions
            {
                StartToCloseTimeout = TimeSpan.FromDays(3650),
                HeartbeatTimeout = input.Timings.MergePollInterval + TimeSpan.FromMinutes(1),
                RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromMinutes(1) },
            });
    }
}
