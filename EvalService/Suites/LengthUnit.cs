namespace Agentic.EvalService.Suites;

public enum LengthUnit
{
    Characters,
    Words,
}
