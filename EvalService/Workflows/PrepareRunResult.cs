namespace Agentic.EvalService.Workflows;

public sealed record PrepareRunResult(int CasesTotal);
