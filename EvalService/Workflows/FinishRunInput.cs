using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Workflows;

public sealed record FinishRunInput(string RunId, EvalRunState State, string? Error);
