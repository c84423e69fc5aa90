namespace Agentic.EvalService.Suites;

/// <summary>The deterministic checks a suite can ask for (YAML spelling in snake_case).</summary>
public enum CheckType
{
    Regex,
    Keywords,
    SemanticKeyword,
    Json,
    Length,
    Refusal,
    Pii,
}
