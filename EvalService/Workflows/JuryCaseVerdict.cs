using Agentic.EvalService.Judging;

namespace Agentic.EvalService.Workflows;

/// <summary>The jury's decision on one case and what each judge said (a judge that did not answer says why).</summary>
public sealed record JuryCaseVerdict(string CaseId, JuryDecision Decision, IReadOnlyList<JudgeVerdict> Verdicts);
