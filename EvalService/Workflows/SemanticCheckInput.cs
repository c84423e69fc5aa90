using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

public sealed record SemanticCheckInput(CheckSpec Check, string Text);
