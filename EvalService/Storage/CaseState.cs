namespace Agentic.EvalService.Storage;

/// <summary>
/// The outcome of one case of an offline run; stored in lower case (eval_case_results.state). Escalated cases
/// wait for a person: the judges agreed too little, or too few of them answered.
/// </summary>
public enum CaseState
{
    Passed,
    Failed,
    Escalated,
    Error,
}
