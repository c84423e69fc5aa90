using Agentic.Eval.V1;
using Agentic.EvalService.Runs;
using Agentic.EvalService.Storage;
using Google.Protobuf.WellKnownTypes;

namespace Agentic.EvalService.Grpc;

/// <summary>Stored runs and case results as the gRPC messages show them.</summary>
internal static class RunMapper
{
    /// <summary>Escalated and errored cases listed in a run's answer, at most (the database holds them all).</summary>
    public const int MaxListedCases = 500;

    public static EvalRun ToRun(StoredRun run)
    {
        var message = new EvalRun
        {
            RunId = run.RunId,
            Suite = run.Suite,
            SuiteVersion = run.SuiteVersion,
            State = run.State switch
            {
                EvalRunState.Completed => Eval.V1.RunState.Completed,
                EvalRunState.Failed => Eval.V1.RunState.Failed,
                EvalRunState.Cancelled => Eval.V1.RunState.Cancelled,
                _ => Eval.V1.RunState.Running,
            },
            CasesTotal = run.CasesTotal,
            CasesDone = run.CasesDone,
            CasesPassed = run.CasesPassed,
            CasesFailed = run.CasesFailed,
            CasesErrored = run.CasesErrored,
            CasesEscalated = run.CasesEscalated,
            TokensIn = run.TokensIn,
            TokensOut = run.TokensOut,
            CostUsd = run.CostUsd,
            FleissKappa = double.NaN,
            JuryAccuracy = double.NaN,
        };
        if (run.StartedAt is { } started)
        {
            message.StartedAt = Timestamp.FromDateTimeOffset(started);
        }

        if (run.FinishedAt is { } finished)
        {
            message.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        return message;
    }

    public static EvalRun WithResults(EvalRun message, IReadOnlyList<StoredCase> cases, RunStatistics statistics)
    {
        message.JuryAccuracy = statistics.JuryAccuracy;
        message.FleissKappa = statistics.FleissKappa;
        message.Judges.AddRange(statistics.Judges.Select(j => new JudgeStats
        {
            Judge = j.Judge,
            Answered = j.Answered,
            Labelled = j.Labelled,
            Correct = j.Correct,
            Accuracy = j.Accuracy,
        }));
        message.Kappa.AddRange(statistics.Kappa.Select(k => new KappaPair { JudgeA = k.JudgeA, JudgeB = k.JudgeB, Kappa = k.Kappa }));
        message.Escalated.AddRange(cases.Where(c => c.State == CaseState.Escalated).Take(MaxListedCases).Select(ToCase));
        message.Errors.AddRange(cases.Where(c => c.State == CaseState.Error).Take(MaxListedCases).Select(ToCase));
        return message;
    }

    public static CaseResult ToCase(StoredCase result) => new()
    {
        CaseId = result.CaseId,
        Decision = result.State switch
        {
            CaseState.Passed => Decision.Show,
            CaseState.Failed => Decision.Block,
            CaseState.Escalated => Decision.Escalated,
            _ => Decision.Unspecified,
        },
        Score = result.Score ?? 0,
        Error = result.Error ?? "",
        Output = result.Output,
    };

    public static CaseChange ToChange(RunChange change) => new()
    {
        CaseId = change.CaseId,
        Metric = change.Metric,
        Baseline = change.Baseline,
        Candidate = change.Candidate,
        BaselineOutput = change.BaselineOutput,
        CandidateOutput = change.CandidateOutput,
    };
}
