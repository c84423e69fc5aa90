namespace Agentic.EvalService.Workflows;

public sealed record GeneratedOutput(string Text, long TokensIn, long TokensOut);
