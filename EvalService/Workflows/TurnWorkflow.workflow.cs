using Agentic.EvalService.Activities;
using Agentic.EvalService.Checks;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;
using Temporalio.Common;
using Temporalio.Workflows;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// A live turn: the suite's live checks first (local activities, milliseconds), then its live judges as child
/// workflows, then the jury's verdict. The caller waits through <see cref="AwaitDecisionAsync"/> for at most its
/// budget; if the jury is later than that, the suite's late policy answers, and the jury's verdict still arrives
/// afterwards (a RETRACT when an answer shown provisionally fails).
/// </summary>
[Workflow]
public sealed class TurnWorkflow
{
    private static readonly LocalActivityOptions CheckOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(5),
        RetryPolicy = new RetryPolicy { MaximumAttempts = 2 },
    };

    private static readonly ActivityOptions GatewayOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = new RetryPolicy { MaximumAttempts = 3, InitialInterval = TimeSpan.FromMilliseconds(200) },
    };

    /// <summary>Histories written before juries decided as soon as settled replay the old way (all judges first).</summary>
    private const string DecideWhenSettledPatch = "decide-when-settled";

    private readonly TurnInput _input;
    private TurnState _state;
    private Task? _deadline;

    [WorkflowInit]
    public TurnWorkflow(TurnInput input)
    {
        _input = input;
        _state = TurnState.Start(input);
    }

    [WorkflowQuery]
    public TurnState Verdict => _state;

    [WorkflowRun]
    public async Task<TurnState> RunAsync(TurnInput input)
    {
        if (input.AnswerBy is { } answerBy)
        {
            // Kept beside the checks and judges, not awaited: eval-service answers the caller by the late policy
            // at this deadline, and the turn records the same answer at the same moment, whether or not eval-service's
            // signal ever arrives.
            _deadline = KeepDeadlineAsync(answerBy);
        }

        var outcomes = await RunLiveChecksAsync();
        var failed = outcomes.Where(o => !o.Passed).Select(o => o.Id).ToList();
        if (failed.Count > 0)
        {
            await DecideAsync(TurnDecision.Block, null, $"check failed: {string.Join(", ", failed)}");
            return _state;
        }

        var judges = input.Definition.Jury.Judges.Where(j => j.Live).ToList();
        if (judges.Count == 0)
        {
            await DecideAsync(TurnDecision.Show, null, "every live check passed; no live judges");
            return _state;
        }

        var jury = input.Definition.Jury with { Judges = judges, Quorum = Math.Min(input.Definition.Jury.Quorum, judges.Count) };
        await RunJuryAsync(jury, Workflow.Patched(DecideWhenSettledPatch));
        return _state;
    }

    /// <summary>Waits for the decision for at most the caller's budget, then answers by the suite's late policy.</summary>
    [WorkflowUpdate]
    public async Task<TurnState> AwaitDecisionAsync(DecisionRequest request)
    {
        if (_state.Decision == TurnDecision.Pending && request.Budget > TimeSpan.Zero)
        {
            await Workflow.WaitConditionAsync(() => _state.Decision != TurnDecision.Pending, request.Budget);
        }

        if (_state.Decision == TurnDecision.Pending)
        {
            Change(_state.AnsweredLate(TurnState.LateDecision(_input.Definition)));
            await NotifyAsync();
        }

        return _state;
    }

    private async Task KeepDeadlineAsync(DateTimeOffset answerBy)
    {
        var left = answerBy - Workflow.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Workflow.WaitConditionAsync(() => _state.Decision != TurnDecision.Pending, left);
        }

        if (_state.Decision == TurnDecision.Pending)
        {
            Change(_state.AnsweredLate(TurnState.LateDecision(_input.Definition)));
            await NotifyAsync();
        }
    }

    /// <summary>
    /// eval-service answered the caller by the late policy on its own clock. Until the jury decides, the turn takes that
    /// answer; if the jury decided first and failed an answer the caller was told to show, that is now a retraction.
    /// </summary>
    [WorkflowSignal]
    public async Task CallerAnsweredLateAsync(LateAnswer answer)
    {
        if (_state.Decision == TurnDecision.Pending)
        {
            Change(_state.AnsweredLate(answer.Decision));
            await NotifyAsync();
        }
        else if (_state.Final && _state.Decision == TurnDecision.Block && answer.Decision == TurnDecision.ShowProvisional && _state.Jury is not null)
        {
            Change(_state with { Decision = TurnDecision.Retract, BudgetExpired = true, Reason = "the jury failed the answer after it was shown" });
            await Workflow.ExecuteActivityAsync((StorageActivities a) => a.RecordTurnAsync(new RecordTurnInput(_input.Suite, _state)), GatewayOptions);
            await NotifyAsync();
        }
    }

    private async Task<IReadOnlyList<CheckOutcome>> RunLiveChecksAsync()
    {
        var live = _input.Definition.Checks.Where(c => c.Live).ToList();
        var deterministic = live.Where(DeterministicChecks.IsDeterministic).ToList();
        var outcomes = new List<CheckOutcome>();
        if (deterministic.Count > 0)
        {
            var result = await Workflow.ExecuteLocalActivityAsync(
                (CheckActivities a) => a.RunChecks(new RunChecksInput(deterministic, _input.AssistantResponse)), CheckOptions);
            outcomes.AddRange(result.Outcomes);
        }

        var semantic = live.Where(c => !DeterministicChecks.IsDeterministic(c))
            .Select(check => Workflow.ExecuteActivityAsync(
                (CheckActivities a) => a.RunSemanticCheckAsync(new SemanticCheckInput(check, _input.AssistantResponse)), GatewayOptions))
            .ToList();
        outcomes.AddRange(await Workflow.WhenAllAsync(semantic));
        Change(_state with { Checks = outcomes });
        return outcomes;
    }

    /// <summary>
    /// Runs the judges and decides as soon as the verdict is settled (<see cref="JuryOutlook"/>): judges still out
    /// after that are waited for and recorded, and can only confirm it.
    /// </summary>
    private async Task RunJuryAsync(JurySpec jury, bool decideWhenSettled)
    {
        var running = jury.Judges.ToDictionary(
            judge => Workflow.ExecuteChildWorkflowAsync(
                (JudgeWorkflow w) => w.RunAsync(new JudgeInput(judge, _input.UserRequest, _input.AssistantResponse, null, _input.Context, jury.PassThreshold, false)),
                new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/judge/{judge.Name}" }),
            judge => judge.Name);
        var answered = new Dictionary<string, JudgeVerdict>(StringComparer.Ordinal);
        var decided = false;
        var early = false;
        while (running.Count > 0)
        {
            var done = await Workflow.WhenAnyAsync(running.Keys);
            var verdict = await done;
            answered[running[done]] = verdict;
            running.Remove(done);
            var complete = running.Count == 0;
            Change(_state with { Judges = jury.Judges.Where(j => answered.ContainsKey(j.Name)).Select(j => answered[j.Name]).ToList(), Complete = complete && !decided });
            if (decided)
            {
                continue;
            }

            var settled = complete
                ? JuryAggregator.Aggregate(jury, [.. jury.Judges.Select(j => answered[j.Name])])
                : decideWhenSettled ? JuryOutlook.TryDecide(jury, [.. jury.Judges.Select(j => answered.GetValueOrDefault(j.Name))]) : null;
            if (settled is not null)
            {
                decided = true;
                early = !complete;
                await DecideByJuryAsync(settled, jury.Judges.Count);
            }
        }

        if (early)
        {
            // The judges that answered after the decision: recorded with the whole panel's figures (the outcome is the same).
            Change(_state with { Jury = JuryAggregator.Aggregate(jury, [.. jury.Judges.Select(j => answered[j.Name])]), Complete = true });
            await Workflow.ExecuteActivityAsync((StorageActivities a) => a.RecordTurnAsync(new RecordTurnInput(_input.Suite, _state, JudgesOnly: true)), GatewayOptions);
        }

        await FinishAsync();
    }

    private async Task DecideByJuryAsync(JuryDecision decision, int seated)
    {
        var (final, reason) = decision switch
        {
            { QuorumMet: false } => (TurnDecision.Escalated, $"only {decision.Answered} of {seated} judges answered (quorum {decision.Quorum})"),
            { Escalated: true } => (TurnDecision.Escalated, $"the judges agree too little ({decision.Agreement:P0})"),
            { Passed: true } => (TurnDecision.Show, "the jury passed the answer"),
            _ when _state.BudgetExpired && _input.Definition.Live.WhenLate == LateAction.ShowProvisional => (TurnDecision.Retract, "the jury failed the answer after it was shown"),
            _ => (TurnDecision.Block, "the jury failed the answer"),
        };
        await RecordDecisionAsync(final, decision, reason);
    }

    private async Task DecideAsync(TurnDecision decision, JuryDecision? jury, string reason)
    {
        Change(_state with { Complete = true });
        await RecordDecisionAsync(decision, jury, reason);
        await FinishAsync();
    }

    private async Task RecordDecisionAsync(TurnDecision decision, JuryDecision? jury, string reason)
    {
        Change(_state with { Decision = decision, Final = true, Jury = jury, Reason = reason });
        await Workflow.ExecuteActivityAsync((StorageActivities a) => a.RecordTurnAsync(new RecordTurnInput(_input.Suite, _state)), GatewayOptions);
        await NotifyAsync();
    }

    /// <summary>The caller's update may be waiting on the decision, and the deadline's notice may be on its way: both end before the run closes.</summary>
    private async Task FinishAsync()
    {
        await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
        if (_deadline is not null)
        {
            await _deadline;
        }
    }

    private async Task NotifyAsync()
    {
        if (_input.CallbackUrl is { Length: > 0 } url)
        {
            await Workflow.ExecuteActivityAsync((NotifyActivities a) => a.PostAsync(new TurnNotification(url, _state)), GatewayOptions);
        }
    }

    private void Change(TurnState next) => _state = next with { Revision = _state.Revision + 1 };
}
