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

    private readonly TurnInput _input;
    private TurnState _state;

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
        var verdicts = await RunJudgesAsync(jury);
        var decision = JuryAggregator.Aggregate(jury, verdicts);
        var (final, reason) = decision switch
        {
            { QuorumMet: false } => (TurnDecision.Escalated, $"only {decision.Answered} of {judges.Count} judges answered (quorum {decision.Quorum})"),
            { Escalated: true } => (TurnDecision.Escalated, $"the judges agree too little ({decision.Agreement:P0})"),
            { Passed: true } => (TurnDecision.Show, "the jury passed the answer"),
            _ when _state.BudgetExpired && input.Definition.Live.WhenLate == LateAction.ShowProvisional => (TurnDecision.Retract, "the jury failed the answer after it was shown"),
            _ => (TurnDecision.Block, "the jury failed the answer"),
        };
        await DecideAsync(final, decision, reason);
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

    private async Task<List<JudgeVerdict>> RunJudgesAsync(JurySpec jury)
    {
        var running = jury.Judges.ToDictionary(
            judge => Workflow.ExecuteChildWorkflowAsync(
                (JudgeWorkflow w) => w.RunAsync(new JudgeInput(judge, _input.UserRequest, _input.AssistantResponse, null, _input.Context, jury.PassThreshold, false)),
                new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/judge/{judge.Name}" }),
            judge => judge.Name);
        var answered = new Dictionary<string, JudgeVerdict>(StringComparer.Ordinal);
        while (running.Count > 0)
        {
            var done = await Workflow.WhenAnyAsync(running.Keys);
            var verdict = await done;
            answered[running[done]] = verdict;
            running.Remove(done);
            Change(_state with { Judges = jury.Judges.Where(j => answered.ContainsKey(j.Name)).Select(j => answered[j.Name]).ToList() });
        }

        return jury.Judges.Select(j => answered[j.Name]).ToList();
    }

    private async Task DecideAsync(TurnDecision decision, JuryDecision? jury, string reason)
    {
        Change(_state with { Decision = decision, Final = true, Jury = jury, Reason = reason });
        await Workflow.ExecuteActivityAsync((StorageActivities a) => a.RecordTurnAsync(new RecordTurnInput(_input.Suite, _state)), GatewayOptions);
        await NotifyAsync();

        // The caller's update may be waiting on this decision: let it answer before the run closes.
        await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
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
