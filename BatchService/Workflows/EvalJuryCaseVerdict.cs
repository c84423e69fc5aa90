namespace Agentic.BatchService.Workflows;

public record EvalJuryCaseVerdict(string CaseId, EvalJuryDecision Decision, IReadOnlyList<EvalJudgeVerdict> Verdicts);
