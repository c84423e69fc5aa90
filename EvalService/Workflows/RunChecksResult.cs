using Agentic.EvalService.Checks;

namespace Agentic.EvalService.Workflows;

public sealed record RunChecksResult(IReadOnlyList<CheckOutcome> Outcomes);
