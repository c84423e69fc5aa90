namespace Agentic.EvalService.Suites;

public enum RefusalExpectation
{
    NoRefusal,
    Refusal,
}
