using Agentic.Eval.V1;
using Agentic.EvalService.Checks;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Workflows;

namespace Agentic.EvalService.Grpc;

/// <summary>Workflow records to the wire messages.</summary>
internal static class TurnMapper
{
    public static TurnVerdict ToVerdict(TurnState state, long elapsedMs)
    {
        var verdict = new TurnVerdict
        {
            TurnId = state.TurnId,
            Decision = ToDecision(state.Decision),
            Final = state.Final,
            Complete = state.Complete,
            SuiteVersion = state.SuiteVersion,
            ElapsedMs = elapsedMs,
            Reason = state.Reason,
        };
        verdict.Checks.AddRange(state.Checks.Select(ToCheck));
        verdict.Judges.AddRange(state.Judges.Select(ToJudge));
        if (state.Jury is { } jury)
        {
            verdict.Jury = new JuryResult
            {
                Decided = jury.Decided,
                Passed = jury.Passed,
                Score = jury.Score,
                Aggregation = YamlFields.SnakeCase(jury.Aggregation.ToString()),
                Answered = jury.Answered,
                Quorum = jury.Quorum,
                QuorumMet = jury.QuorumMet,
                Agreement = jury.Agreement,
                Escalated = jury.Escalated,
            };
        }

        return verdict;
    }

    public static Decision ToDecision(TurnDecision decision) => decision switch
    {
        TurnDecision.Show => Decision.Show,
        TurnDecision.Block => Decision.Block,
        TurnDecision.RetractPending => Decision.RetractPending,
        TurnDecision.ShowProvisional => Decision.ShowProvisional,
        TurnDecision.Retract => Decision.Retract,
        TurnDecision.Escalated => Decision.Escalated,
        _ => Decision.Unspecified,
    };

    private static CheckResult ToCheck(CheckOutcome outcome)
    {
        var check = new CheckResult
        {
            Id = outcome.Id,
            Type = YamlFields.SnakeCase(outcome.Type.ToString()),
            Passed = outcome.Passed,
            Score = outcome.Score,
        };
        check.Evidence.AddRange(outcome.Evidence);
        check.Pii.AddRange(outcome.Pii.Select(f => new Eval.V1.PiiFinding
        {
            Type = YamlFields.SnakeCase(f.Type.ToString()),
            Start = f.Start,
            Length = f.Length,
            Preview = f.Preview,
        }));
        return check;
    }

    private static JudgeResult ToJudge(JudgeVerdict verdict) => new()
    {
        Judge = verdict.Judge,
        Model = verdict.Model,
        Answered = verdict.Answered,
        Score = verdict.Score,
        Passed = verdict.Passed,
        Reason = verdict.Reason,
        Error = verdict.Error,
        Choice = verdict.Choice ?? 0,
    };
}
