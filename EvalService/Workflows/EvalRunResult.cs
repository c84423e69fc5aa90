using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Workflows;

public sealed record EvalRunResult(string RunId, EvalRunState State, int CasesTotal, string? Error = null);
