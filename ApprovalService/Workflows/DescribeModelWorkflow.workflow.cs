using Agentic.ApprovalService.Activities;
using Agentic.ApprovalService.ReadModel;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.ApprovalService.Workflows;

/// <summary>
/// One dbt node's descriptions: inherited or drafted by the LLM, then waiting for people, who decide through
/// updates (refused by validators without any change when they cannot apply). Approved text goes to the
/// project's pull request; the proposal closes when everything is shipped, rejected or expired. While people
/// wait, timers send a reminder, then an escalation, then expire what is left.
/// </summary>
[Workflow]
public class DescribeModelWorkflow
{
    public const string MemoKey = "proposal";

    private static readonly ActivityOptions LlmCall = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(5),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromMinutes(1), MaximumAttempts = 10 },
    };

    private static readonly ActivityOptions Bookkeeping = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(1),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromMinutes(1) },
    };

    private readonly Temporalio.Workflows.Mutex _handlers = new();
    private readonly Queue<NodeSnapshot> _reimports = new();
    private readonly Queue<PullRequestClosedSignal> _closedRequests = new();
    private DescribeModelInput _input = null!;
    private ProposalBook _book = null!;
    private ProposalStatus _status = ProposalStatus.Drafting;
    private DraftInfo _draft = DraftInfo.None;
    private DateTime _openedAt;
    private DateTime? _remindedAt;
    private DateTime? _escalatedAt;
    private DateTime? _expiredAt;
    private string? _pullRequestUrl;
    private int _eventsThisRun;
    private bool _wake;
    private (long Version, ProposalStatus Status, DateTime? EscalatedAt) _published;

    /// <summary>The memo a proposal starts with, so listings show it while it is being drafted.</summary>
    public static ProposalSummary InitialSummary(string project, NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var book = ProposalBook.Open(node);
        return new ProposalSummary(
            project, node.UniqueId, node.Name, node.ResourceType, node.OwnerGroup, ProposalStatus.Drafting, book.Pending, false, book.Version, string.Empty);
    }

    [WorkflowQuery]
    public ProposalView View => new(
        _input.Project, _book.Node, _status, _book.Version, _book.Stale, _book.Items, _draft,
        _openedAt, _remindedAt, _escalatedAt, _expiredAt, _pullRequestUrl);

    [WorkflowRun]
    public async Task<DescribeModelResult> RunAsync(DescribeModelInput input)
    {
        _input = input;
        if (input.Carry is { } carry)
        {
            _book = new ProposalBook(input.Node, carry.Items, carry.Version, carry.Stale);
            (_status, _draft, _openedAt, _remindedAt, _escalatedAt, _pullRequestUrl) =
                (carry.Status, carry.Draft, carry.OpenedAt, carry.RemindedAt, carry.EscalatedAt, carry.PullRequestUrl);
        }
        else
        {
            _book = ProposalBook.Open(input.Node);
            _openedAt = Workflow.UtcNow;
            await DraftAsync(feedback: null);
            _status = ProposalStatus.Open;
        }

        await PublishAsync();
        while (true)
        {
            await AbsorbSignalsAsync();
            if (_status == ProposalStatus.Open && _book.Pending == 0)
            {
                await ShipOrCloseAsync();
            }
            else if (_status == ProposalStatus.Shipping && _book.Items.All(item => item.Status != ItemStatus.InPullRequest))
            {
                _status = _book.Pending > 0 ? ProposalStatus.Open : ProposalStatus.Closed;
            }

            await PublishAsync();
            if (_status is ProposalStatus.Closed or ProposalStatus.Expired)
            {
                await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
                return Result();
            }

            if (_eventsThisRun >= _input.Timings.EventsPerRun || Workflow.ContinueAsNewSuggested)
            {
                await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
                throw ContinueAsNew();
            }

            _wake = false;
            var deadline = _status == ProposalStatus.Open ? NextDeadline() : null;
            var now = Workflow.UtcNow;
            if (deadline is null)
            {
                await Workflow.WaitConditionAsync(() => _wake);
            }
            else if (deadline.Value.At <= now || !await Workflow.WaitConditionAsync(() => _wake, deadline.Value.At - now))
            {
                await OnDeadlineAsync(deadline.Value.Kind);
            }
        }
    }

    [WorkflowUpdateValidator(nameof(DecideAsync))]
    public void ValidateDecide(DecideUpdate update)
    {
        if (_book?.Refusal(update, _status == ProposalStatus.Open) is { } refusal)
        {
            throw new ApplicationFailureException(refusal.Message, refusal.ErrorType, nonRetryable: true);
        }
    }

    [WorkflowUpdate]
    public async Task<ProposalView> DecideAsync(DecideUpdate update)
    {
        await _handlers.WaitOneAsync();
        try
        {
            // Another handler may have changed the proposal between validation and now.
            ValidateDecide(update);
            var decided = _book.Apply(update, Workflow.UtcNow);
            _eventsThisRun++;
            await Workflow.ExecuteActivityAsync(
                (ApprovalActivities activities) => activities.AuditDecisionsAsync(
                    new AuditDecisionsInput(_input.Project, _book.Node.UniqueId, _draft, decided, _openedAt)),
                Bookkeeping);
            Wake();
            return View;
        }
        finally
        {
            _handlers.ReleaseMutex();
        }
    }

    [WorkflowUpdateValidator(nameof(RegenerateAsync))]
    public void ValidateRegenerate(RegenerateUpdate update)
    {
        if (_book?.Refusal(update, _status == ProposalStatus.Open) is { } refusal)
        {
            throw new ApplicationFailureException(refusal.Message, refusal.ErrorType, nonRetryable: true);
        }
    }

    [WorkflowUpdate]
    public async Task<ProposalView> RegenerateAsync(RegenerateUpdate update)
    {
        await _handlers.WaitOneAsync();
        try
        {
            ValidateRegenerate(update);
            await DraftAsync(update.Feedback, redoAll: true);
            _eventsThisRun++;
            Wake();
            return View;
        }
        finally
        {
            _handlers.ReleaseMutex();
        }
    }

    [WorkflowSignal]
    public Task ReimportAsync(ReimportSignal signal)
    {
        _reimports.Enqueue(signal.Node);
        Wake();
        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task PullRequestOpenedAsync(PullRequestOpenedSignal signal)
    {
        _pullRequestUrl = signal.Url;
        Wake();
        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task PullRequestClosedAsync(PullRequestClosedSignal signal)
    {
        _closedRequests.Enqueue(signal);
        Wake();
        return Task.CompletedTask;
    }

    private void Wake() => _wake = true;

    private async Task AbsorbSignalsAsync()
    {
        while (_reimports.TryDequeue(out var node))
        {
            await _handlers.WaitOneAsync();
            try
            {
                _book.Merge(node);
                _eventsThisRun++;
                await DraftAsync(feedback: null);
            }
            finally
            {
                _handlers.ReleaseMutex();
            }
        }

        while (_closedRequests.TryDequeue(out var closed))
        {
            _book.Close(closed);
            _pullRequestUrl = closed.Url;
            _eventsThisRun++;
            if (!closed.Merged)
            {
                // People get the full waiting period again for what came back to them.
                (_openedAt, _remindedAt, _escalatedAt) = (Workflow.UtcNow, null, null);
            }
        }
    }

    /// <summary>Drafts the items that need the LLM: blank ones, or (on a redraft) every pending LLM item.</summary>
    private async Task DraftAsync(string? feedback, bool redoAll = false)
    {
        var keys = (redoAll
                ? _book.Items.Where(item => item.Status == ItemStatus.Pending && item.Origin != DescriptionOrigin.Inherited)
                : _book.NeedingDraft().Where(item => item.Origin == DescriptionOrigin.None))
            .Select(item => item.Key).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var node = _book.Node;
        var result = await Workflow.ExecuteActivityAsync(
            (ApprovalActivities activities) => activities.DraftAsync(
                new DraftRequest(_input.Project, node.UniqueId, node.Name, node.ResourceType, node.Context, keys, feedback)),
            LlmCall);
        _book.ApplyDrafts(result.Drafts);
        WorkflowLog.Drafted(Workflow.Logger, result.Drafts.Count);
        _draft = result.Info with
        {
            PromptTokens = _draft.PromptTokens + result.Info.PromptTokens,
            CompletionTokens = _draft.CompletionTokens + result.Info.CompletionTokens,
        };
    }

    private async Task ShipOrCloseAsync()
    {
        var taken = _book.TakeApproved();
        if (taken.Count == 0)
        {
            _status = _book.Items.All(item => item.Status == ItemStatus.Expired) ? ProposalStatus.Expired : ProposalStatus.Closed;
            return;
        }

        var node = _book.Node;
        var changes = taken.Select(item => new ApprovedChange(
            node.UniqueId, node.Name, node.ResourceType, node.SqlPath, node.PropertiesFile, item.Column, item.FinalText!,
            item.DraftText, item.Reviewer!, item.Decision, _draft.Model, _draft.PromptVersion)).ToList();
        await Workflow.ExecuteActivityAsync(
            (ApprovalActivities activities) => activities.EnqueueChangesAsync(
                new EnqueueChangesInput(_input.Project, _input.Repository, Workflow.Info.WorkflowId, changes)),
            Bookkeeping);
        WorkflowLog.Shipping(Workflow.Logger, changes.Count);
        _status = ProposalStatus.Shipping;
    }

    private (DateTime At, string Kind)? NextDeadline()
    {
        var timings = _input.Timings;
        if (_remindedAt is null && timings.ReminderAfter < timings.ExpiryAfter)
        {
            return (_openedAt + timings.ReminderAfter, "reminder");
        }

        if (_escalatedAt is null && timings.EscalationAfter < timings.ExpiryAfter)
        {
            return (_openedAt + timings.EscalationAfter, "escalation");
        }

        return (_openedAt + timings.ExpiryAfter, "expired");
    }

    private async Task OnDeadlineAsync(string kind)
    {
        var node = _book.Node;
        // The time the deadline fired, not when delivery finished: the notification and the proposal tell the same time.
        var now = Workflow.UtcNow;
        await Workflow.ExecuteActivityAsync(
            (ApprovalActivities activities) => activities.NotifyAsync(
                new NotificationInput(_input.Project, node.UniqueId, node.Name, kind, node.OwnerGroup, _book.Pending, now)),
            Bookkeeping);
        switch (kind)
        {
            case "reminder":
                _remindedAt = now;
                break;
            case "escalation":
                _escalatedAt = now;
                break;
            default:
                _expiredAt = now;
                _book.ExpirePending();
                break;
        }
    }

    private ContinueAsNewException ContinueAsNew()
    {
        var carry = new DescribeModelCarry(
            _status, _book.Version, _book.Stale, _book.Items, _draft, _openedAt, _remindedAt, _escalatedAt, _pullRequestUrl,
            (_input.Carry?.Run ?? 0) + 1);
        var next = _input with { Node = _book.Node, Carry = carry };
        return Workflow.CreateContinueAsNewException((DescribeModelWorkflow workflow) => workflow.RunAsync(next));
    }

    /// <summary>The summary into the memo (Temporal's own listing) and the read model (the portal's search), on each change.</summary>
    private async Task PublishAsync()
    {
        if (_published == (_book.Version, _status, _escalatedAt))
        {
            return;
        }

        _published = (_book.Version, _status, _escalatedAt);
        var node = _book.Node;
        var text = string.Join(' ', _book.Items.Select(item => item.FinalText ?? item.DraftText));
        var summary = new ProposalSummary(
            _input.Project, node.UniqueId, node.Name, node.ResourceType, node.OwnerGroup, _status, _book.Pending, _book.Stale,
            _book.Version, text.Length > 2000 ? text[..2000] : text);
        Workflow.UpsertMemo(MemoUpdate.ValueSet(MemoKey, summary));
        await Workflow.ExecuteActivityAsync(
            (ApprovalActivities activities) => activities.RecordProposalAsync(new ProposalRecord(summary, _openedAt, _escalatedAt)),
            Bookkeeping);
    }

    private DescribeModelResult Result() => new(
        _status,
        _book.Items.Count(item => item.Status == ItemStatus.Shipped),
        _book.Items.Count(item => item.Status == ItemStatus.Rejected),
        _book.Items.Count(item => item.Status == ItemStatus.Expired));
}
