namespace Agentic.EvalService.Workflows;

public sealed record EvalChunkResult(int Cases, int Passed, int Failed, int Escalated, int Errored);
