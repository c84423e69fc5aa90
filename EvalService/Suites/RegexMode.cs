namespace Agentic.EvalService.Suites;

public enum RegexMode
{
    MustMatch,
    MustNotMatch,
}
