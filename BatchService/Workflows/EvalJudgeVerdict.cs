namespace Agentic.BatchService.Workflows;

/// <summary>What one judge of eval-service's jury said about a case (its reason stays in eval-service's answer, not read here).</summary>
public record EvalJudgeVerdict(string Judge, string Model, bool Answered, double Score, bool Passed, string Error = "", long TokensIn = 0, long TokensOut = 0);
