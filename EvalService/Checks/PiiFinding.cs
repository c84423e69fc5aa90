using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>One piece of PII: its kind, where it is, and a preview that no longer identifies anyone.</summary>
public sealed record PiiFinding(PiiType Type, int Start, int Length, string Preview);
