namespace Agentic.EvalService.Storage;

/// <summary>What one judge said about one case of an offline run (eval_judge_verdicts).</summary>
public sealed record StoredJudgeVerdict(
    string RunId,
    string CaseId,
    string Judge,
    string Model,
    bool Answered,
    double? Score,
    bool? Passed,
    int? Choice,
    string Reason,
    string Error,
    int LatencyMs = 0,
    long TokensIn = 0,
    long TokensOut = 0);
