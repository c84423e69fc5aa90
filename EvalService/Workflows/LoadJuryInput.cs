namespace Agentic.EvalService.Workflows;

public sealed record LoadJuryInput(string Suite, int SuiteVersion);
