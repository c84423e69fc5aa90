using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

public sealed record RunChecksInput(IReadOnlyList<CheckSpec> Checks, string Text);
