using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Workflows;

/// <summary>One case evaluated: its result row and its judges' verdicts, ready to store.</summary>
public sealed record CaseOutcome(StoredCase Case, IReadOnlyList<StoredJudgeVerdict> Verdicts);
