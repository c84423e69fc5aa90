using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>A registered suite version's jury.</summary>
public sealed record LoadedJury(string Suite, int SuiteVersion, JurySpec Jury);
