namespace Agentic.EvalService.Runs;

/// <summary>Cohen's kappa of two judges over the cases both answered (NaN when none).</summary>
public sealed record JudgePairKappa(string JudgeA, string JudgeB, double Kappa);
