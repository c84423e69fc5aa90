using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Workflows;

public sealed record SaveCasesInput(string RunId, IReadOnlyList<StoredCase> Cases, IReadOnlyList<StoredJudgeVerdict> Verdicts);
