namespace Agentic.EvalService.Storage;

/// <summary>One offline run as stored (eval_runs), with its counters and gateway usage.</summary>
public sealed record StoredRun(
    string RunId,
    string RequestHash,
    string Suite,
    int SuiteVersion,
    string DatasetLocation,
    string DatasetFormat,
    string? ModelUnderTest,
    string? ScheduleId,
    EvalRunState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int CasesTotal,
    int CasesDone,
    int CasesPassed,
    int CasesFailed,
    int CasesEscalated,
    int CasesErrored,
    long TokensIn,
    long TokensOut,
    double CostUsd,
    string? Error)
{
    public bool Terminal => State is EvalRunState.Completed or EvalRunState.Failed or EvalRunState.Cancelled;
}
