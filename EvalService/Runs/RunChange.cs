namespace Agentic.EvalService.Runs;

/// <summary>
/// One metric that moved between two runs: of one case (<see cref="CaseId"/> set), or of the whole run
/// (CaseId empty: pass_rate, jury_accuracy). <see cref="Regression"/> when the candidate is worse.
/// </summary>
public sealed record RunChange(string CaseId, string Metric, double Baseline, double Candidate, string BaselineOutput, string CandidateOutput, bool Regression);
