namespace Agentic.EvalService.Workflows;

/// <summary>What a judge model answered, parsed from its JSON: a score, a pass/fail or a choice, and why.</summary>
public sealed record JudgeAnswer(double? Score, bool? Pass, int? Choice, string Reason, long TokensIn = 0, long TokensOut = 0);
